// The control protocol between the `ukern` command and ukernd, over the
// unix socket RUNTIME_DIR/ctl.sock.
//
// Request: one frame holding argv (u32 count, then u32 length + bytes each),
// optionally with one file descriptor attached (SCM_RIGHTS).
// Reply: a stream of frames, kind byte + u32 length + payload:
//   'O' text for the user's stdout, 'E' text for stderr,
//   'X' the command's exit status (4-byte int), always last.
#pragma once
#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ukern::ctl {

struct Request {
  std::vector<std::string> argv;
  int fd = -1;  // attached descriptor, owned by the receiver
};

struct Frame {
  char kind;
  std::string data;
};

/// Sends argv (and `fd` if >= 0). False on a broken connection.
bool send_request(int sock, const std::vector<std::string>& argv, int fd = -1);
/// Receives one request; nullopt on EOF, an error, or a malformed frame.
std::optional<Request> recv_request(int sock);
/// Parses a request body (argv count, then length + bytes each); nullopt
/// when malformed.
std::optional<std::vector<std::string>> parse_request_body(std::string_view body);

/// Reads one request from a non-blocking socket in as many steps as the
/// client takes (the server's event loop calls read_some when readable).
class RequestReader {
 public:
  enum class Status { More, Done, Bad };
  RequestReader() = default;
  RequestReader(const RequestReader&) = delete;
  RequestReader& operator=(const RequestReader&) = delete;
  ~RequestReader();
  /// Reads what is there: Done once the whole request is in (then take()),
  /// Bad on EOF, an error or a malformed frame, More otherwise.
  Status read_some(int sock);
  Request take();

 private:
  bool first_ = true;
  bool have_len_ = false;
  uint32_t len_ = 0;
  std::string data_;
  Request req_;
};

/// Sends one reply frame (MSG_NOSIGNAL: a gone client is a false return).
bool send_frame(int sock, char kind, std::string_view data);
bool send_exit(int sock, int status);
std::optional<Frame> recv_frame(int sock);

/// Connects to the control socket at `path`; -1 with errno set on failure.
int connect_socket(const std::string& path);

}  // namespace ukern::ctl
