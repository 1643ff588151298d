#include "kernel/ctl/protocol.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ukern::ctl {
namespace {

constexpr uint32_t kMaxFrame = 1u << 20;

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
  size_t off = 0;
  auto get_u32 = [&](uint32_t& v) {
    if (off + 4 > body.size()) return false;
    std::memcpy(&v, body.data() + off, 4);
    off += 4;
    return true;
  };
  uint32_t argc;
  if (!get_u32(argc) || argc > 4096) return fail();
  for (uint32_t i = 0; i < argc; ++i) {
    uint32_t n;
    if (!get_u32(n) || off + n > body.size()) return fail();
    req.argv.emplace_back(body.data() + off, n);
    off += n;
  }
  return req;
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
