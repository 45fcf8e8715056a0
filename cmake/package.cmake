# What a distribution package holds beyond the binaries, and the CPack settings that make the
# Debian package (scripts/package.sh): man pages, bash completion, PNG icons drawn from the SVG,
# and, with SB_DEBIAN_DOCS, Debian's copyright and changelog in place of LICENSE.
include(GNUInstallDirs)

# GNUInstallDirs would name it after the project, SockBench; Debian's is the package's name.
set(SB_DOCDIR ${CMAKE_INSTALL_DATADIR}/doc/sockbench)

set(SB_PACKAGE_DIR ${CMAKE_BINARY_DIR}/package-files)

# sb_install_gzipped(SOURCE DESTINATION [RENAME name]): gzip -9n (no name, no time stamp, so
# the same source gives the same bytes), as Debian wants man pages and changelogs.
function(sb_install_gzipped source destination)
    cmake_parse_arguments(G "" "RENAME" "" ${ARGN})
    get_filename_component(name ${source} NAME)
    if(G_RENAME)
        set(name ${G_RENAME})
    endif()
    set(out ${SB_PACKAGE_DIR}/${name}.gz)
    add_custom_command(OUTPUT ${out}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${SB_PACKAGE_DIR}
        COMMAND sh -c "gzip -9n -c '${source}' > '${out}'"
        DEPENDS ${source} VERBATIM)
    string(MAKE_C_IDENTIFIER ${name} target)
    add_custom_target(sb_gz_${target} ALL DEPENDS ${out})
    install(FILES ${out} DESTINATION ${destination})
endfunction()

sb_install_gzipped(${CMAKE_SOURCE_DIR}/resources/man/sockbench-cli.1 ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/resources/completion/sockbench-cli.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME sockbench-cli)

if(SB_WITH_GUI)
    # qt_standard_project_setup gives installed programs a RUNPATH of $ORIGIN:$ORIGIN/../lib,
    # for applications that ship their own libraries. SockBench's own are static and the rest
    # are the system's, which Debian's policy reaches without one.
    set_target_properties(sockbench PROPERTIES INSTALL_RPATH "")
    sb_install_gzipped(${CMAKE_SOURCE_DIR}/resources/man/sockbench.1 ${CMAKE_INSTALL_MANDIR}/man1)
    # The PNG sizes of the hicolor theme, drawn from resources/icons/sockbench.svg at build time
    # (rsvg-convert, Debian's librsvg2-bin, in scripts/deps.sh's package list): no committed
    # bitmap can drift from the SVG. Without the tool the package carries the SVG alone.
    find_program(SB_RSVG_CONVERT rsvg-convert)
    if(SB_RSVG_CONVERT)
        set(svg ${CMAKE_SOURCE_DIR}/resources/icons/sockbench.svg)
        set(pngs "")
        foreach(size 16 32 48 64 128 256)
            set(png ${SB_PACKAGE_DIR}/icons/${size}x${size}/sockbench.png)
            add_custom_command(OUTPUT ${png}
                COMMAND ${CMAKE_COMMAND} -E make_directory ${SB_PACKAGE_DIR}/icons/${size}x${size}
                COMMAND ${SB_RSVG_CONVERT} -w ${size} -h ${size} -o ${png} ${svg}
                DEPENDS ${svg} VERBATIM)
            list(APPEND pngs ${png})
            install(FILES ${png}
                    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
        endforeach()
        add_custom_target(sb_png_icons ALL DEPENDS ${pngs})
    else()
        message(STATUS "rsvg-convert not found: the PNG icons are left out (librsvg2-bin)")
    endif()
endif()

# Debian's documents: the DEP-5 copyright (which names the GPL in /usr/share/common-licenses,
# so LICENSE itself would be an extra copy) and the changelog, whose newest entry must be this
# version.
if(SB_DEBIAN_DOCS)
    set(changelog ${CMAKE_SOURCE_DIR}/resources/debian/changelog)
    file(STRINGS ${changelog} first LIMIT_COUNT 1)
    if(NOT first MATCHES "^sockbench \\(${PROJECT_VERSION}-[0-9]+\\) ")
        message(FATAL_ERROR "resources/debian/changelog starts with '${first}': "
                            "add an entry for version ${PROJECT_VERSION}")
    endif()
    string(REGEX REPLACE "^sockbench \\([0-9.]+-([0-9]+)\\).*" "\\1" SB_DEBIAN_REVISION "${first}")
    install(FILES ${CMAKE_SOURCE_DIR}/resources/debian/copyright
            DESTINATION ${SB_DOCDIR})
    sb_install_gzipped(${changelog} ${SB_DOCDIR} RENAME changelog.Debian)
else()
    install(FILES ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION ${SB_DOCDIR})
    set(SB_DEBIAN_REVISION 1)
endif()

set(SB_PACKAGE_MAINTAINER "SockBench maintainers <maintainers@sockbench.invalid>"
    CACHE STRING "The Maintainer field of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sockbench)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${SB_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SB_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_RELEASE ${SB_DEBIAN_REVISION})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE https://github.com/sockbench/sockbench)
# dpkg-shlibdeps reads the binaries' NEEDED entries: libc, libstdc++, the Qt 6 libraries, libssl3.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What dh_strip does to a Debian -O2 -g build: the package carries stripped binaries, without
# the .comment and .note sections either (scripts/package.sh points CMAKE_STRIP at
# cmake/dh-strip.sh, which asks strip for that).
set(CPACK_STRIP_FILES ON)
# Directories in the package are 0755 whatever the umask of the person building.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "socket workbench: open sockets and watch every system call")
# The synopsis line is the summary above; CPack puts this long description beneath it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "SockBench opens TCP, UDP and UNIX-domain sockets (stream, datagram,
seqpacket, socketpair) as servers, clients or datagram sockets, and shows
each system call with its arguments, result and errno, the bytes sent and
received as text and hex, and every socket in a netstat-like table.
.
It holds the Qt 6 desktop program, sockbench, with scripted client-server
demos, and its headless twin, sockbench-cli, a netcat-like tool that prints
the system calls on demand.")
include(CPack)

# The package test (ctest -L package): installs the .deb into a scratch root and runs what it
# holds. Off in the ordinary build, which makes no package; scripts/package.sh turns it on.
option(SB_PACKAGE_TEST "Register the test of the built .deb (ctest -L package)" OFF)
if(SB_PACKAGE_TEST)
    enable_testing()
    execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE arch
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    set(deb ${CMAKE_BINARY_DIR}/sockbench_${PROJECT_VERSION}-${SB_DEBIAN_REVISION}_${arch}.deb)
    add_test(NAME package_installs_and_runs
             COMMAND sh ${CMAKE_SOURCE_DIR}/tests/package/tst_package.sh ${deb} ${PROJECT_VERSION})
    add_test(NAME package_bash_completion
             COMMAND bash ${CMAKE_SOURCE_DIR}/tests/package/tst_completion.bash ${deb})
    set_tests_properties(package_installs_and_runs package_bash_completion
                         PROPERTIES LABELS package TIMEOUT 120)
endif()
