# C modules written against <linux/*.h> (include/compat): compiled as the
# kernel compiles a module (gcc, -std=gnu11, -nostdinc: only the compat
# headers and the compiler's own stdarg.h/stddef.h are visible), so a use of
# a Linux API that ukern lacks fails the build naming it.
execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=include
                OUTPUT_VARIABLE UKERN_GCC_INCLUDE OUTPUT_STRIP_TRAILING_WHITESPACE)
set(UKERN_C_MODULE_FLAGS
    -std=gnu11 -nostdinc -isystem ${UKERN_GCC_INCLUDE} -I${CMAKE_SOURCE_DIR}/include/compat
    -D__KERNEL__ -DMODULE -fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-strict-aliasing
    -Werror=implicit-function-declaration -Wno-unused-parameter -Wno-sign-compare)

# ukern_add_c_module(NAME SOURCES...): build/modules/NAME.ko (target cmod_NAME).
function(ukern_add_c_module name)
  set(target cmod_${name})
  add_library(${target} MODULE ${ARGN})
  set_target_properties(${target} PROPERTIES PREFIX "" SUFFIX ".ko" OUTPUT_NAME ${name}
                        LIBRARY_OUTPUT_DIRECTORY ${UKERN_MODULE_DIR})
  # No include directories of the kernel build: only the compat headers.
  set_target_properties(${target} PROPERTIES INCLUDE_DIRECTORIES "")
  target_compile_options(${target} PRIVATE ${UKERN_C_MODULE_FLAGS})
  target_compile_definitions(${target} PRIVATE KBUILD_MODNAME="${name}")
  target_link_options(${target} PRIVATE -Wl,-Bsymbolic)
endfunction()
