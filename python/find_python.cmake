# Finds Python 3 with its headers (python3-dev) and pybind11 (pybind11-dev); sets
# VTY_PYTHON_FOUND. Included by the top CMakeLists.txt before the VTY_PYTHON option.
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  # Debian's interpreter, which python3-dev and python3-pytest belong to, even when another
  # python3 (pyenv, a virtualenv) comes first in PATH. -DPython3_EXECUTABLE=... picks another.
  set(Python3_EXECUTABLE /usr/bin/python3)
endif()
find_package(Python3 3.9 COMPONENTS Interpreter Development.Module QUIET)
if(Python3_Development.Module_FOUND)
  find_package(pybind11 2.6 CONFIG QUIET)
endif()
if(Python3_Development.Module_FOUND AND pybind11_FOUND)
  set(VTY_PYTHON_FOUND ON)
else()
  message(STATUS "vty: the Python module is off (no python3-dev or pybind11-dev found)")
endif()
