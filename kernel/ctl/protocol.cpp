#include "kernel/ctl/protocol.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ukern::ctl {
namespace {

constexpr uint32_t kMaxFrame = 1u << 20;
constexpr uint32_t kMaxArgs = 4096;

bool write_all(int fd, const void* buf, size_t n) {
  auto* p = static_cast<const char*>(buf);
  while (n > 0) {
    ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

bool read_all(int fd, void* buf, size_t n) {
  auto* p = static_cast<char*>(buf);
  while (n > 0) {
    ssize_t r = recv(fd, p, n, 0);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<size_t>(r);
  }
  return true;
}

void put_u32(std::string& s, uint32_t v) { s.append(reinterpret_cast<const char*>(&v), 4); }

}  // namespace

bool send_request(int sock, const std::vector<std::string>& argv, int fd) {
  std::string body;
  put_u32(body, static_cast<uint32_t>(argv.size()));
  for (const auto& a : argv) {
    put_u32(body, static_cast<uint32_t>(a.size()));
    body += a;
  }
  std::string msg;
  put_u32(msg, static_cast<uint32_t>(body.size()));
  msg += body;
  if (fd < 0) return write_all(sock, msg.data(), msg.size());

  // The descriptor rides on the first byte of the message.
  iovec iov{msg.data(), 1};
  alignas(cmsghdr) char ctrl[CMSG_SPACE(sizeof(int))] = {};
  msghdr mh{};
  mh.msg_iov = &iov;
  mh.msg_iovlen = 1;
  mh.msg_control = ctrl;
  mh.msg_controllen = sizeof ctrl;
  cmsghdr* c = CMSG_FIRSTHDR(&mh);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &fd, sizeof(int));
  ssize_t w;
  do w = sendmsg(sock, &mh, MSG_NOSIGNAL);
  while (w < 0 && errno == EINTR);
  if (w != 1) return false;
  return write_all(sock, msg.data() + 1, msg.size() - 1);
}

std::optional<Request> recv_request(int sock) {
  Request req;
  char first;
  iovec iov{&first, 1};
  alignas(cmsghdr) char ctrl[CMSG_SPACE(sizeof(int))] = {};
  msghdr mh{};
  mh.msg_iov = &iov;
  mh.msg_iovlen = 1;
  mh.msg_control = ctrl;
  mh.msg_controllen = sizeof ctrl;
  ssize_t r;
  do r = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
  while (r < 0 && errno == EINTR);
  if (r != 1) return std::nullopt;
  for (cmsghdr* c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) std::memcpy(&req.fd, CMSG_DATA(c), sizeof(int));
  }
  auto fail = [&]() -> std::optional<Request> {
    if (req.fd >= 0) close(req.fd);
    return std::nullopt;
  };
  char rest[3];
  if (!read_all(sock, rest, 3)) return fail();
  uint32_t len;
  char lenbuf[4] = {first, rest[0], rest[1], rest[2]};
  std::memcpy(&len, lenbuf, 4);
  if (len > kMaxFrame || len < 4) return fail();
  std::string body(len, '\0');
  if (!read_all(sock, body.data(), len)) return fail();
  auto argv = parse_request_body(body);
  if (!argv) return fail();
  req.argv = std::move(*argv);
  return req;
}

std::optional<std::vector<std::string>> parse_request_body(std::string_view body) {
  std::vector<std::string> argv;
  size_t off = 0;
  auto get_u32 = [&](uint32_t& v) {
    if (off + 4 > body.size()) return false;
    std::memcpy(&v, body.data() + off, 4);
    off += 4;
    return true;
  };
  uint32_t argc;
  if (!get_u32(argc) || argc > kMaxArgs) return std::nullopt;
  for (uint32_t i = 0; i < argc; ++i) {
    uint32_t n;
    if (!get_u32(n) || n > body.size() - off) return std::nullopt;
    argv.emplace_back(body.data() + off, n);
    off += n;
  }
  return argv;
}

RequestReader::Status RequestReader::read_some(int sock) {
  char buf[4096];
  for (;;) {
    size_t want = sizeof buf;
    if (have_len_) want = std::min(want, 4 + static_cast<size_t>(len_) - data_.size());
    else want = 4 - data_.size();
    ssize_t r;
    if (first_) {
      // The descriptor, if any, rides on the first byte.
      iovec iov{buf, 1};
      alignas(cmsghdr) char ctrl[CMSG_SPACE(sizeof(int))] = {};
      msghdr mh{};
      mh.msg_iov = &iov;
      mh.msg_iovlen = 1;
      mh.msg_control = ctrl;
      mh.msg_controllen = sizeof ctrl;
      r = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
      if (r == 1) {
        first_ = false;
        for (cmsghdr* c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
          if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
          size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
          for (size_t i = 0; i < n; ++i) {
            int fd;
            std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
            if (req_.fd < 0) req_.fd = fd;
            else close(fd);  // only one descriptor per request
          }
        }
      }
    } else {
      r = recv(sock, buf, want, MSG_DONTWAIT);
    }
    if (r < 0 && errno == EINTR) continue;
    if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Status::More;
    if (r <= 0) return Status::Bad;
    data_.append(buf, static_cast<size_t>(r));
    if (!have_len_ && data_.size() == 4) {
      std::memcpy(&len_, data_.data(), 4);
      if (len_ > kMaxFrame || len_ < 4) return Status::Bad;
      have_len_ = true;
    }
    if (have_len_ && data_.size() == 4 + static_cast<size_t>(len_)) {
      auto argv = parse_request_body(std::string_view(data_).substr(4));
      if (!argv) return Status::Bad;
      req_.argv = std::move(*argv);
      return Status::Done;
    }
  }
}

Request RequestReader::take() {
  Request r = std::move(req_);
  req_ = Request{};
  return r;
}

RequestReader::~RequestReader() {
  if (req_.fd >= 0) close(req_.fd);
}

bool send_frame(int sock, char kind, std::string_view data) {
  std::string msg(1, kind);
  put_u32(msg, static_cast<uint32_t>(data.size()));
  msg += data;
  return write_all(sock, msg.data(), msg.size());
}

bool send_exit(int sock, int status) {
  return send_frame(sock, 'X', std::string_view(reinterpret_cast<const char*>(&status), 4));
}

std::optional<Frame> recv_frame(int sock) {
  char hdr[5];
  if (!read_all(sock, hdr, 5)) return std::nullopt;
  uint32_t len;
  std::memcpy(&len, hdr + 1, 4);
  if (len > kMaxFrame) return std::nullopt;
  Frame f{hdr[0], std::string(len, '\0')};
  if (!read_all(sock, f.data.data(), len)) return std::nullopt;
  return f;
}

int connect_socket(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    errno = ENAMETOOLONG;
    return -1;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

}  // namespace ukern::ctl
