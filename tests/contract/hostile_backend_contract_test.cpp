// Contract test: the harness's backend clients, over real HTTP, against a backend that
// answers badly — an error inside a 200, a truncated body, a wrong type where the API
// promises a number or a list, a body of 100 MB, a body that never ends, pages that never
// run out. Each must end in an exception that names the backend and the question (the
// runner turns a bad answer into an errored verdict, "could not evaluate: …", and no answer
// in time into an inconclusive one, "could not look: …"), within the deadline and in
// bounded memory; none may crash, hang, or read as an answer.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/resource.h>

#include <chrono>
#include <functional>
#include <thread>

#include "harness/backends/grafana_client.h"
#include "harness/backends/httplib_transport.h"
#include "harness/backends/jaeger_client.h"
#include "harness/backends/loki_client.h"
#include "harness/backends/prometheus_client.h"
#include "harness/backends/webhook_client.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

// A backend whose every answer is `answer`.
class HostileBackend {
 public:
  using Answer = std::function<void(const httplib::Request&, httplib::Response&)>;
  // With `keep_alive` false no connection waits for another request (stopping would wait
  // out its keep-alive, 5 s); with it true, a client asking many questions asks them fast.
  explicit HostileBackend(Answer answer, bool keep_alive = false) : answer_(std::move(answer)) {
    const auto handler = [this](const httplib::Request& q, httplib::Response& r) { answer_(q, r); };
    if (!keep_alive) server_.set_keep_alive_timeout(0);
    server_.set_tcp_nodelay(true);
    server_.Get(".*", handler);
    server_.Post(".*", handler);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();
  }
  ~HostileBackend() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  Answer answer_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

HostileBackend::Answer body(std::string text) {
  return [text](const httplib::Request&, httplib::Response& r) {
    r.set_content(text, "application/json");
  };
}

// `prefix` then `item` repeated until `bytes` were sent (or the client hung up).
HostileBackend::Answer endless_list(std::string prefix, std::string item, std::size_t bytes) {
  return [=](const httplib::Request&, httplib::Response& r) {
    r.set_chunked_content_provider("application/json",
                                   [=](std::size_t offset, httplib::DataSink& sink) {
                                     if (offset == 0)
                                       return sink.write(prefix.data(), prefix.size());
                                     if (offset >= bytes) {
                                       sink.done();
                                       return true;
                                     }
                                     std::string chunk;
                                     while (chunk.size() < (1 << 20)) chunk += item;
                                     return sink.write(chunk.data(), chunk.size());
                                   });
  };
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// One question to one backend, and how each kind of bad answer looks in its API.
struct Question {
  std::string backend;  // as the error must name it
  std::string question;
  std::function<void(HttpTransport&, const std::string&)> ask;
  std::string valid;  // a well-formed answer, which must be read
  std::string error_in_200;
  std::string truncated;
  std::string wrong_type;
  std::string list_prefix;  // a valid answer's opening, for the 100 MB body
  std::string list_item;
};

std::vector<Question> questions() {
  const auto now = std::chrono::system_clock::now();
  return {
      {"Prometheus", "/api/v1/query up",
       [=](HttpTransport& http, const std::string& url) {
         PrometheusClient(http, url).query("up", now);
       },
       R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]}]}})",
       R"({"status":"error","errorType":"bad_data","error":"parse error"})",
       R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1")",
       R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,{"a":1}]}]}})",
       R"({"status":"success","data":{"resultType":"vector","result":[)",
       R"({"metric":{"job":"x"},"value":[1,"1"]},)"},
      {"Loki", "query_range {job=\"x\"}",
       [](HttpTransport& http, const std::string& url) {
         LokiClient(http, url).query_range("{job=\"x\"}", 0, 2'000'000'000'000'000'000, 100,
                                           LokiDirection::kForward);
       },
       R"({"status":"success","data":{"resultType":"streams","result":[{"stream":{"a":"b"},"values":[["1700000000000000000","line"]]}]}})",
       R"({"status":"error","error":"too many outstanding requests"})",
       R"({"status":"success","data":{"resultType":"streams","result":[{"stream":{"a")",
       R"({"status":"success","data":{"resultType":"streams","result":[{"stream":{"a":"b"},"values":[[1700000000000000000,"line"]]}]}})",
       R"({"status":"success","data":{"resultType":"streams","result":[)",
       R"({"stream":{"a":"b"},"values":[["1700000000000000000","line"]]},)"},
      {"Jaeger", "trace 0af7651916cd43dd8448eb211c80319c",
       [](HttpTransport& http, const std::string& url) {
         JaegerClient(http, url).trace("0af7651916cd43dd8448eb211c80319c");
       },
       R"({"data":[{"traceID":"0af7651916cd43dd8448eb211c80319c","spans":[],"processes":{}}]})",
       R"({"data":null,"errors":[{"code":500,"msg":"storage unavailable"}]})",
       R"({"data":[{"traceID":"0af7651916cd43dd8448eb211c80319c","spans":[)",
       R"({"data":[{"traceID":42,"spans":"none"}]})", R"({"data":[)",
       R"({"traceID":"0af7651916cd43dd8448eb211c80319c","spans":[],"processes":{}},)"},
      {"Grafana", "its datasources",
       [](HttpTransport& http, const std::string& url) {
         GrafanaClient(http, url, {"admin", "secret"}).datasources();
       },
       R"([{"uid":"prom","name":"Prometheus","type":"prometheus"}])",
       R"({"message":"database is locked"})", R"([{"uid":"prom","name":)", R"([1, 2, 3])", "[",
       R"({"uid":"prom","name":"Prometheus","type":"prometheus"},)"},
      {"the webhook receiver", "its notifications",
       [](HttpTransport& http, const std::string& url) {
         WebhookClient(http, url).notifications();
       },
       R"([{"received_at_ms":1,"notification":{"status":"firing","alerts":[]}}])",
       R"({"error":"not ready"})", R"([{"received_at_ms":17)",
       R"([{"received_at_ms":"soon","notification":{}}])", "[",
       R"({"received_at_ms":1,"notification":{"status":"firing","alerts":[]}},)"},
  };
}

// Asks `q` of a backend answering `answer`: it must throw, naming the backend and the
// question, within `within`. Returns the message.
std::string refusal(const Question& q, HostileBackend::Answer answer,
                    std::chrono::seconds within = std::chrono::seconds(10)) {
  HostileBackend backend(std::move(answer));
  HttplibTransport http;
  const auto began = Clock::now();
  try {
    q.ask(http, backend.url());
    ADD_FAILURE() << q.backend << " " << q.question << ": a bad answer was read as an answer";
    return "";
  } catch (const std::exception& e) {
    EXPECT_LT(Clock::now() - began, within) << q.backend;
    EXPECT_THAT(e.what(), HasSubstr(q.backend + ", " + q.question + ": ")) << q.backend;
    return e.what();
  }
}

TEST(HostileBackend, AnErrorInsideA200IsNoAnswer) {
  for (const auto& q : questions()) refusal(q, body(q.error_in_200));
}

TEST(HostileBackend, ATruncatedBodyIsNoAnswer) {
  for (const auto& q : questions()) refusal(q, body(q.truncated));
}

TEST(HostileBackend, AWrongTypeWhereTheApiPromisesAnotherIsNoAnswer) {
  for (const auto& q : questions()) refusal(q, body(q.wrong_type));
}

// The well-formed answers the hostile ones are cut from are read: the refusals above are
// for what the bodies say, not for how they are served.
TEST(HostileBackend, TheSameServerAnsweringWellIsRead) {
  for (const auto& q : questions()) {
    HostileBackend backend(body(q.valid));
    HttplibTransport http;
    EXPECT_NO_THROW(q.ask(http, backend.url())) << q.backend;
  }
}

TEST(HostileBackend, ABodyOf100MBIsCutAtTheCapInBoundedMemory) {
  // Memory first, on one question: the allocator keeps what later ones freed resident.
  const auto rss_before = peak_rss_kib();
  refusal(questions()[0],
          endless_list(questions()[0].list_prefix, questions()[0].list_item, 100u << 20));
  EXPECT_LT(peak_rss_kib() - rss_before, 64 * 1024) << "the harness held a body past its cap";
  for (const auto& q : questions()) {
    const auto message = refusal(q, endless_list(q.list_prefix, q.list_item, 100u << 20));
    EXPECT_THAT(message, HasSubstr("larger than 32 MiB (kMaxResponseBytes)")) << q.backend;
  }
}

TEST(HostileBackend, ABodyThatNeverEndsIsCutAtTheDeadline) {
  // Trickles a byte every 20 ms, for at most 30 s (then the server gives up).
  HostileBackend backend([](const httplib::Request&, httplib::Response& r) {
    const auto until = Clock::now() + std::chrono::seconds(30);
    r.set_chunked_content_provider("application/json",
                                   [until](std::size_t, httplib::DataSink& sink) {
                                     if (Clock::now() > until) return false;
                                     std::this_thread::sleep_for(std::chrono::milliseconds(20));
                                     return sink.write(" ", 1);
                                   });
  });
  HttplibTransport http;
  const auto began = Clock::now();
  try {
    http.get(backend.url(), "/api/v1/query", {{"query", "up"}}, Millis(1000));
    FAIL() << "a body that never ended was read as an answer";
  } catch (const TransportError& e) {
    EXPECT_LT(Clock::now() - began, std::chrono::seconds(3));
    EXPECT_THAT(e.what(), HasSubstr("/api/v1/query (query=up): the response was still "
                                    "arriving after 1000 ms"));
    EXPECT_TRUE(e.maybe_delivered());
  }
}

// Loki pages that never run out: each a full page, each a little later than the last
// (kMaxPages, 10,000, is lowered here to keep the test short).
TEST(HostileBackend, PagesThatNeverRunOutStopAtThePageCap) {
  HostileBackend backend(
      [](const httplib::Request& q, httplib::Response& r) {
        const auto start = std::stoll(q.get_param_value("start"));
        r.set_content(fmt::format(R"({{"status":"success","data":{{"resultType":"streams","result":[
      {{"stream":{{"job":"x"}},"values":[["{}","a"],["{}","b"]]}}]}}}})",
                                  start + 1, start + 2),
                      "application/json");
      },
      true);
  HttplibTransport http;
  try {
    LokiClient(http, backend.url())
        .query_all("{job=\"x\"}", 0, 2'000'000'000'000'000'000, 2, /*max_pages=*/20);
    FAIL() << "pages without end were read to an end";
  } catch (const BackendError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Loki, query_range {job=\"x\"}: more than 20 pages of 2 "
                                    "entries; no more were read"));
  }
}

TEST(HostileBackend, ALokiPageOutsideTheAskedRangeIsNoAnswer) {
  const Question loki = questions()[1];
  refusal(loki, body(R"({"status":"success","data":{"resultType":"streams","result":[
    {"stream":{"job":"x"},"values":[["2100000000000000000","from the future"]]}]}})"));
}

}  // namespace
}  // namespace unbroken
