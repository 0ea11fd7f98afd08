# Every third-party dependency comes from Debian's packages (see ./bootstrap).
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(prometheus-cpp REQUIRED COMPONENTS core)
find_package(Boost 1.74 REQUIRED COMPONENTS filesystem)
find_package(PkgConfig REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
add_library(unbroken_httplib INTERFACE)
target_link_libraries(unbroken_httplib INTERFACE PkgConfig::HTTPLIB Threads::Threads)
add_library(unbroken::httplib ALIAS unbroken_httplib)

# The OpenTelemetry C++ SDK (bookworm-backports' opentelemetry-cpp-dev) for the reference
# workload's spans. Its CMake package config insists on gRPC's development files and
# tools, which the workload does not use, so the SDK is found through its pkg-config files
# (API, trace SDK; they need libabsl-dev's) and the OTLP/HTTP exporter's libraries by name.
pkg_check_modules(OTEL_TRACE REQUIRED IMPORTED_TARGET opentelemetry_api opentelemetry_trace)
set(UNBROKEN_OTEL_OTLP_HTTP_LIBRARIES "")
foreach(lib opentelemetry_exporter_otlp_http opentelemetry_exporter_otlp_http_client
            opentelemetry_otlp_recordable opentelemetry_http_client_curl)
  find_library(UNBROKEN_OTEL_${lib} ${lib} REQUIRED)
  list(APPEND UNBROKEN_OTEL_OTLP_HTTP_LIBRARIES ${UNBROKEN_OTEL_${lib}})
endforeach()
add_library(unbroken_opentelemetry INTERFACE)
target_link_libraries(unbroken_opentelemetry INTERFACE PkgConfig::OTEL_TRACE
                                                       ${UNBROKEN_OTEL_OTLP_HTTP_LIBRARIES})
add_library(unbroken::opentelemetry ALIAS unbroken_opentelemetry)
