# `cmake --install`: libhfhub (the client library, with the internal static libraries it links),
# its public headers, a CMake package (find_package(hfhub) -> hfhub::hfhub), hfhub.pc for
# pkg-config, the hfhubd and hfhub binaries and a systemd unit for hfhubd.
# Included last from the top-level CMakeLists.txt, once every target exists.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The link closure of `hfhub`: every library target we build goes to `internal` (a static
# archive is useless without the archives it links), in link order (each before the libraries it
# uses: a depth-first post-order, reversed), and every imported one to `imported`.
function(hfhub_visit t)
  get_property(seen GLOBAL PROPERTY hfhub_visited)
  if(t IN_LIST seen)
    return()
  endif()
  set_property(GLOBAL APPEND PROPERTY hfhub_visited ${t})
  get_target_property(is_imported ${t} IMPORTED)
  if(is_imported)
    set_property(GLOBAL APPEND PROPERTY hfhub_imported ${t})
    return()
  endif()
  get_target_property(deps ${t} INTERFACE_LINK_LIBRARIES)
  if(NOT deps)
    set(deps "")
  endif()
  foreach(dep IN LISTS deps)
    # A static library's PRIVATE dependencies appear as $<LINK_ONLY:dep>.
    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" dep "${dep}")
    if(TARGET ${dep})
      hfhub_visit(${dep})
    elseif(dep)
      message(FATAL_ERROR "install.cmake: ${t} links '${dep}', which is not a target; "
                          "hfhubConfig.cmake and hfhub.pc only know imported targets")
    endif()
  endforeach()
  set_property(GLOBAL APPEND PROPERTY hfhub_postorder ${t})
endfunction()

function(hfhub_link_closure root internal_var imported_var)
  hfhub_visit(${root})
  get_property(internal GLOBAL PROPERTY hfhub_postorder)
  get_property(imported GLOBAL PROPERTY hfhub_imported)
  list(REVERSE internal)
  set(${internal_var} ${internal} PARENT_SCOPE)
  set(${imported_var} ${imported} PARENT_SCOPE)
endfunction()
hfhub_link_closure(hfhub hfhub_internal hfhub_imported)
# The public headers need C++20; say so in the exported target.
target_compile_features(hfhub INTERFACE cxx_std_20)

# The layers use the source tree's src/ and include/ while building; installed, only include/.
foreach(t IN LISTS hfhub_internal)
  get_target_property(dirs ${t} INTERFACE_INCLUDE_DIRECTORIES)
  if(NOT dirs)
    continue()
  endif()
  set(wrapped "")
  foreach(d IN LISTS dirs)
    if(d MATCHES "^\\$<")
      list(APPEND wrapped "${d}")
    else()
      list(APPEND wrapped "$<BUILD_INTERFACE:${d}>")
    endif()
  endforeach()
  list(APPEND wrapped "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>")
  set_property(TARGET ${t} PROPERTY INTERFACE_INCLUDE_DIRECTORIES "${wrapped}")
endforeach()

# Each imported dependency becomes a find_dependency() line in hfhubConfig.cmake and a
# pkg-config entry. libcurl and Boost go to Libs.private as plain -l flags rather than
# Requires.private: `pkg-config --static` would otherwise also demand the static libraries
# of curl's own dependencies, which a static libhfhub against a shared libcurl does not need.
set(boost_components "")
set(find_deps "")
set(pc_requires "")
set(pc_libs "")
foreach(t IN LISTS hfhub_imported)
  if(t MATCHES "^Boost::(.+)$")
    list(APPEND boost_components ${CMAKE_MATCH_1})
    list(APPEND pc_libs "-lboost_${CMAKE_MATCH_1}")
  elseif(t STREQUAL "CURL::libcurl")
    list(APPEND find_deps "find_dependency(CURL)")
    list(APPEND pc_libs "-lcurl")
  elseif(t MATCHES "^OpenSSL::(Crypto|SSL)$")
    list(APPEND find_deps "find_dependency(OpenSSL)")
    string(TOLOWER "lib${CMAKE_MATCH_1}" pc)
    list(APPEND pc_requires ${pc})
  elseif(t STREQUAL "Threads::Threads")
    list(APPEND find_deps "find_dependency(Threads)")
    list(APPEND pc_libs "-pthread")
  elseif(t STREQUAL "PkgConfig::LIBLZ4")  # Xet chunk compression
    list(APPEND find_deps "find_dependency(PkgConfig)" "pkg_check_modules(LIBLZ4 REQUIRED IMPORTED_TARGET liblz4)")
    list(APPEND pc_requires liblz4)
  elseif(t STREQUAL "ZLIB::ZLIB")
    list(APPEND find_deps "find_dependency(ZLIB)")
    list(APPEND pc_requires zlib)
  else()
    message(FATAL_ERROR "install.cmake: libhfhub links ${t}; teach install.cmake its "
                        "find_dependency() and pkg-config entry")
  endif()
endforeach()
if(boost_components)
  list(JOIN boost_components " " comps)
  list(APPEND find_deps "find_dependency(Boost ${Boost_VERSION_MAJOR}.${Boost_VERSION_MINOR} COMPONENTS ${comps})")
endif()
list(REMOVE_DUPLICATES find_deps)
list(REMOVE_DUPLICATES pc_requires)
list(REMOVE_DUPLICATES pc_libs)
list(JOIN find_deps "\n" HFHUB_FIND_DEPENDENCIES)
list(JOIN pc_requires " " HFHUB_PC_REQUIRES_PRIVATE)
list(JOIN pc_libs " " HFHUB_PC_LIBS_PRIVATE)
# libhfhub is static only, so the internal archives are part of what `-lhfhub` means: they go to
# Libs, in link order (hfhub before what it uses).
set(HFHUB_PC_LIBS "")
foreach(t IN LISTS hfhub_internal)
  get_target_property(type ${t} TYPE)
  if(type STREQUAL "STATIC_LIBRARY")  # an INTERFACE library has no archive
    string(APPEND HFHUB_PC_LIBS " -l$<TARGET_FILE_BASE_NAME:${t}>")
  endif()
endforeach()

install(TARGETS ${hfhub_internal} EXPORT hfhubTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/include/hfhub DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")

set(hfhub_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/hfhub)
install(EXPORT hfhubTargets NAMESPACE hfhub:: DESTINATION ${hfhub_cmake_dir})
configure_package_config_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/hfhubConfig.cmake.in
                              ${CMAKE_CURRENT_BINARY_DIR}/hfhubConfig.cmake INSTALL_DESTINATION ${hfhub_cmake_dir})
# 0.x: a minor release may break the API.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/hfhubConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/hfhubConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/hfhubConfigVersion.cmake
        DESTINATION ${hfhub_cmake_dir})

# Relocatable: `cmake --install --prefix DIR` works without reconfiguring.
file(RELATIVE_PATH HFHUB_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" HFHUB_PC_TO_PREFIX "${HFHUB_PC_TO_PREFIX}")
# Two steps: configure_file fills in @VARS@, file(GENERATE) the archive names.
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/hfhub.pc.in ${CMAKE_CURRENT_BINARY_DIR}/hfhub.pc.gen @ONLY)
file(GENERATE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/hfhub.pc INPUT ${CMAKE_CURRENT_BINARY_DIR}/hfhub.pc.gen)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/hfhub.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(TARGETS hfhubd RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET hfhub_cli)
  install(TARGETS hfhub_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/packaging/hfhubd.service.in ${CMAKE_CURRENT_BINARY_DIR}/hfhubd.service @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/hfhubd.service DESTINATION lib/systemd/system)
