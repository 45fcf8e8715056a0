# The benchmark programs of scripts/bench.sh (-DSB_BENCH=ON). They print figures; none is a
# test.
add_executable(bench_core ${CMAKE_CURRENT_LIST_DIR}/bench_core.cpp)
target_link_libraries(bench_core PRIVATE sockbench_core Threads::Threads)
set_target_properties(bench_core PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests/bench)
# The reply rules' matching speed (row 12): the pure engine of core/text, no sockets.
add_executable(bench_rules ${CMAKE_CURRENT_LIST_DIR}/bench_rules.cpp)
target_link_libraries(bench_rules PRIVATE sockbench_text)
set_target_properties(bench_rules PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests/bench)
# The GUI's flood figure (row 8), unless tests/CMakeLists.txt already made the target.
if(SB_WITH_GUI AND NOT TARGET guiflood AND EXISTS ${CMAKE_CURRENT_LIST_DIR}/guiflood.cpp)
    add_executable(guiflood ${CMAKE_CURRENT_LIST_DIR}/guiflood.cpp)
    target_link_libraries(guiflood PRIVATE sockbench_ui)
    set_target_properties(guiflood PROPERTIES AUTOMOC ON
        RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests/bench)
endif()
