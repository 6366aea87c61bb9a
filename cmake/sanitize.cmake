# HFHUB_SANITIZE: compiler sanitizers for every target of the build, e.g.
#   cmake -DHFHUB_SANITIZE=address,undefined ...
# Undefined behaviour aborts (no recovery), so a UBSan report fails the test that caused it
# rather than scrolling past in a log.
set(HFHUB_SANITIZE "" CACHE STRING "Comma-separated -fsanitize= list for every target (empty: none)")
if(HFHUB_SANITIZE)
  add_compile_options(-fsanitize=${HFHUB_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${HFHUB_SANITIZE})
  if(HFHUB_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
    add_link_options(-fno-sanitize-recover=undefined)
  endif()
  message(STATUS "hfhub: sanitizers ${HFHUB_SANITIZE}")
endif()
