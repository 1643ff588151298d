// threads_echo, linked -static (tests/CMakeLists.txt links *_static programs so).
#include "threads_echo.c"
