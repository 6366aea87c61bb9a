# BLAKE3 (keyed mode names every Xet chunk, xorb and file). Bookworm has no libblake3; its
# librust-blake3-dev ships the upstream reference C implementation, which we compile as C with
# the x86-64 assembly kernels (SSE2..AVX-512, picked at run time). scripts/setup.sh installs it.
set(HFHUB_BLAKE3_DIR /usr/share/cargo/registry/blake3-1.3.1/c CACHE PATH "BLAKE3 reference C sources")
if(NOT EXISTS ${HFHUB_BLAKE3_DIR}/blake3.h)
  message(FATAL_ERROR "BLAKE3 C sources not found in ${HFHUB_BLAKE3_DIR}: run scripts/setup.sh (librust-blake3-dev)")
endif()
enable_language(C ASM)
set(blake3_srcs ${HFHUB_BLAKE3_DIR}/blake3.c ${HFHUB_BLAKE3_DIR}/blake3_dispatch.c ${HFHUB_BLAKE3_DIR}/blake3_portable.c)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  foreach(k sse2 sse41 avx2 avx512)
    list(APPEND blake3_srcs ${HFHUB_BLAKE3_DIR}/blake3_${k}_x86-64_unix.S)
  endforeach()
else()
  set(blake3_defs BLAKE3_NO_SSE2 BLAKE3_NO_SSE41 BLAKE3_NO_AVX2 BLAKE3_NO_AVX512)
endif()
add_library(hfhub_blake3 STATIC ${blake3_srcs})
target_compile_definitions(hfhub_blake3 PRIVATE ${blake3_defs})
set_target_properties(hfhub_blake3 PROPERTIES POSITION_INDEPENDENT_CODE ON C_STANDARD 99)
# Consumers include it as <blake3.h>; only src/common/xet does.
target_include_directories(hfhub_blake3 PUBLIC $<BUILD_INTERFACE:${HFHUB_BLAKE3_DIR}>)
