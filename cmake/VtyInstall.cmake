# What `cmake --install` puts under the prefix: headers, libraries, platform definitions,
# the CMake package (find_package(vty CONFIG)) and the pkg-config file. The programs
# install themselves in tools/*/CMakeLists.txt.
include(CMakePackageConfigHelpers)

set(VTY_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/vty)

# The library targets defined under `dir` and its subfolders.
function(vty_library_targets dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(subdir IN LISTS subdirs)
    vty_library_targets(${subdir} more)
    list(APPEND targets ${more})
  endforeach()
  set(libraries)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(type MATCHES "^(STATIC|SHARED|INTERFACE)_LIBRARY$")
      list(APPEND libraries ${target})
    endif()
  endforeach()
  set(${out} ${libraries} PARENT_SCOPE)
endfunction()

# Each transport (vty_transport_libssh, ...) is exported as vty::transport_libssh, ...
# Their include folders are private details in the source tree: a consumer uses only
# <vty/...>, so they are kept to the build tree.
vty_library_targets(${PROJECT_SOURCE_DIR}/transports VTY_TRANSPORT_TARGETS)
list(REMOVE_ITEM VTY_TRANSPORT_TARGETS vty_all)  # defined there too; exported as vty::vty
set(VTY_TRANSPORT_LIBS)
foreach(target IN LISTS VTY_TRANSPORT_TARGETS)
  string(REGEX REPLACE "^vty_" "" export_name ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${export_name})
  get_target_property(include_dirs ${target} INTERFACE_INCLUDE_DIRECTORIES)
  if(include_dirs)
    set(wrapped)
    foreach(dir IN LISTS include_dirs)
      if(dir MATCHES "^\\$<")
        list(APPEND wrapped "${dir}")
      else()
        list(APPEND wrapped "$<BUILD_INTERFACE:${dir}>")
      endif()
    endforeach()
    set_target_properties(${target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${wrapped}")
  endif()
  get_target_property(type ${target} TYPE)
  if(NOT type STREQUAL "INTERFACE_LIBRARY")
    list(APPEND VTY_TRANSPORT_LIBS ${target})
  endif()
endforeach()
# vty_transports (register_builtin) references the four transports: it comes first.
list(REMOVE_ITEM VTY_TRANSPORT_LIBS vty_transports)
list(PREPEND VTY_TRANSPORT_LIBS vty_transports)

set_target_properties(vty_asio PROPERTIES EXPORT_NAME asio)
set_target_properties(vty_core PROPERTIES EXPORT_NAME core)
set_target_properties(vty_textfsm PROPERTIES EXPORT_NAME textfsm)
set_target_properties(vty_recording PROPERTIES EXPORT_NAME recording)
set_target_properties(vty_all PROPERTIES EXPORT_NAME vty)

install(TARGETS vty_asio vty_core vty_textfsm vty_recording ${VTY_TRANSPORT_TARGETS} vty_all
        EXPORT vtyTargets)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/include/vty
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/platforms/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/vty/platforms
        FILES_MATCHING PATTERN "*.toml")

install(EXPORT vtyTargets NAMESPACE vty:: DESTINATION ${VTY_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/vtyConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/vtyConfig.cmake
                              INSTALL_DESTINATION ${VTY_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/vtyConfigVersion.cmake
                                 COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/vtyConfig.cmake ${PROJECT_BINARY_DIR}/vtyConfigVersion.cmake
        DESTINATION ${VTY_CMAKE_DIR})

# vty.pc: the transports, before the recording library the replay transport reads with and
# the core they depend on. A program links only the transports it names (or all four
# through vty::transports::register_builtin()).
set(VTY_PC_LIBS "-L\${libdir}")
foreach(target IN LISTS VTY_TRANSPORT_LIBS)
  string(APPEND VTY_PC_LIBS " -l${target}")
endforeach()
string(APPEND VTY_PC_LIBS " -lvty_recording -lvty_core -pthread")
# Relative to the .pc file, so that `cmake --install --prefix` anywhere gives a valid file.
file(RELATIVE_PATH VTY_PC_PREFIX_FROM_PCDIR /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${CMAKE_CURRENT_LIST_DIR}/vty.pc.in ${PROJECT_BINARY_DIR}/vty.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/vty.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# vty-textfsm.pc: TextFSM on top of vty (`pkg-config --static --libs vty-textfsm vty`).
configure_file(${CMAKE_CURRENT_LIST_DIR}/vty-textfsm.pc.in ${PROJECT_BINARY_DIR}/vty-textfsm.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/vty-textfsm.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# vty-recording.pc: recordings and vty::record_to (`pkg-config --static --libs vty-recording vty`).
configure_file(${CMAKE_CURRENT_LIST_DIR}/vty-recording.pc.in ${PROJECT_BINARY_DIR}/vty-recording.pc
               @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/vty-recording.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
