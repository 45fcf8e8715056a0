# The benchmark programs of scripts/bench.sh (-DSB_BENCH=ON). They print figures; none is a
# test. tests/bench/guiflood, the GUI's, is built with the tests (tests/bench/CMakeLists.txt).
add_executable(bench_core ${CMAKE_CURRENT_LIST_DIR}/bench_core.cpp)
target_link_libraries(bench_core PRIVATE sockbench_core Threads::Threads)
set_target_properties(bench_core PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests/bench)
