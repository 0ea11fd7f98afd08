# unbroken_target(<target>): the project's warning and sanitizer policy for one target.
function(unbroken_target target)
  # -Wno-missing-field-initializers: GCC 12 warns about members left to their defaults in a
  # C++20 designated initializer (CheckContext{.prometheus = …}), which is the point of one.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wno-missing-field-initializers)
  if(UNBROKEN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(UNBROKEN_FUZZ)
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link,address,undefined
                                             -fno-omit-frame-pointer)
    # Boost.Asio 1.74 looks for clang's coroutines in libc++ only; libstdc++ has them.
    target_compile_definitions(${target} PRIVATE BOOST_ASIO_HAS_CO_AWAIT=1
                                                 BOOST_ASIO_HAS_STD_COROUTINE=1)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  if(UNBROKEN_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# unbroken_library(<name> SOURCES ... DEPS ...): one harness layer as a static library
# with the alias unbroken::<name>.
function(unbroken_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(unbroken_${name} STATIC ${ARG_SOURCES})
  add_library(unbroken::${name} ALIAS unbroken_${name})
  target_include_directories(unbroken_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(unbroken_${name} PUBLIC ${ARG_DEPS})
  unbroken_target(unbroken_${name})
endfunction()
