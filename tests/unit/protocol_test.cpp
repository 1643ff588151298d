// The control protocol over a socketpair: requests with and without a
// descriptor, reply frames, and frames that are cut short or malformed.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "kernel/ctl/protocol.h"

using namespace ukern::ctl;

namespace {

struct Pair {
  int a = -1, b = -1;
  Pair() {
    int sv[2];
    EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    a = sv[0];
    b = sv[1];
  }
  ~Pair() {
    if (a >= 0) close(a);
    if (b >= 0) close(b);
  }
  void close_a() {
    close(a);
    a = -1;
  }
};

void put_u32(std::string& s, uint32_t v) { s.append(reinterpret_cast<const char*>(&v), 4); }

void send_raw(int fd, const std::string& bytes) {
  ASSERT_EQ(write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
}

int open_fds() {
  int n = 0;
  for (int fd = 0; fd < 1024; ++fd) n += fcntl(fd, F_GETFD) >= 0;
  return n;
}

}  // namespace

TEST(Protocol, RequestRoundTrip) {
  Pair p;
  std::vector<std::string> argv = {"insmod", "/a/b.so", "", std::string("nul\0inside", 10), std::string(5000, 'x')};
  ASSERT_TRUE(send_request(p.a, argv));
  auto r = recv_request(p.b);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->argv, argv);
  EXPECT_EQ(r->fd, -1);
}

TEST(Protocol, EmptyArgv) {
  Pair p;
  ASSERT_TRUE(send_request(p.a, {}));
  auto r = recv_request(p.b);
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->argv.empty());
}

TEST(Protocol, DescriptorRidesAlongWithScmRights) {
  Pair p;
  int pipefd[2];
  ASSERT_EQ(pipe(pipefd), 0);
  ASSERT_TRUE(send_request(p.a, {"attach"}, pipefd[1]));
  close(pipefd[1]);
  auto r = recv_request(p.b);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->argv, std::vector<std::string>{"attach"});
  ASSERT_GE(r->fd, 0);
  // The received descriptor is the same pipe: what goes in comes out.
  EXPECT_EQ(write(r->fd, "hi", 2), 2);
  char buf[2];
  EXPECT_EQ(read(pipefd[0], buf, 2), 2);
  EXPECT_EQ(std::string(buf, 2), "hi");
  EXPECT_TRUE(fcntl(r->fd, F_GETFD) & FD_CLOEXEC) << "received descriptors are close-on-exec";
  close(r->fd);
  close(pipefd[0]);
}

TEST(Protocol, ReplyFramesInOrder) {
  Pair p;
  ASSERT_TRUE(send_frame(p.a, 'O', "out text\n"));
  ASSERT_TRUE(send_frame(p.a, 'E', ""));
  ASSERT_TRUE(send_exit(p.a, 42));
  auto f1 = recv_frame(p.b);
  ASSERT_TRUE(f1.has_value());
  EXPECT_EQ(f1->kind, 'O');
  EXPECT_EQ(f1->data, "out text\n");
  auto f2 = recv_frame(p.b);
  ASSERT_TRUE(f2.has_value());
  EXPECT_EQ(f2->kind, 'E');
  EXPECT_EQ(f2->data, "");
  auto f3 = recv_frame(p.b);
  ASSERT_TRUE(f3.has_value());
  EXPECT_EQ(f3->kind, 'X');
  ASSERT_EQ(f3->data.size(), 4u);
  int status;
  std::memcpy(&status, f3->data.data(), 4);
  EXPECT_EQ(status, 42);
}

TEST(Protocol, EofAndTruncatedFramesAreNullopt) {
  {
    Pair p;
    p.close_a();
    EXPECT_FALSE(recv_request(p.b).has_value());
    EXPECT_FALSE(recv_frame(p.b).has_value());
  }
  {
    Pair p;  // a length that promises more than arrives
    std::string msg;
    put_u32(msg, 100);
    put_u32(msg, 1);
    send_raw(p.a, msg);
    p.close_a();
    EXPECT_FALSE(recv_request(p.b).has_value());
  }
  {
    Pair p;  // a reply frame cut in its header
    send_raw(p.a, std::string("O\x05", 2));
    p.close_a();
    EXPECT_FALSE(recv_frame(p.b).has_value());
  }
}

TEST(Protocol, MalformedRequestsAreRejected) {
  auto rejects = [](const std::string& bytes) {
    Pair p;
    send_raw(p.a, bytes);
    p.close_a();
    return !recv_request(p.b).has_value();
  };
  std::string too_small;  // a body shorter than its argc
  put_u32(too_small, 2);
  too_small += "ab";
  EXPECT_TRUE(rejects(too_small));

  std::string too_big;  // over the 1 MiB frame limit
  put_u32(too_big, (1u << 20) + 1);
  EXPECT_TRUE(rejects(too_big));

  std::string argc_lies;  // argc 2, one argument present
  std::string body;
  put_u32(body, 2);
  put_u32(body, 3);
  body += "abc";
  put_u32(argc_lies, static_cast<uint32_t>(body.size()));
  EXPECT_TRUE(rejects(argc_lies + body));

  std::string arg_overruns;  // an argument longer than the body
  body.clear();
  put_u32(body, 1);
  put_u32(body, 1000);
  body += "abc";
  put_u32(arg_overruns, static_cast<uint32_t>(body.size()));
  EXPECT_TRUE(rejects(arg_overruns + body));

  std::string huge_argc;
  body.clear();
  put_u32(body, 100000);
  put_u32(huge_argc, static_cast<uint32_t>(body.size()));
  EXPECT_TRUE(rejects(huge_argc + body));
}

TEST(Protocol, MalformedRequestWithDescriptorClosesIt) {
  int before = open_fds();
  {
    Pair p;
    int pipefd[2];
    ASSERT_EQ(pipe(pipefd), 0);
    // A valid-looking first byte with a descriptor, then a bad length.
    std::string msg;
    put_u32(msg, 2);  // length below the 4-byte minimum
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
    std::memcpy(CMSG_DATA(c), &pipefd[0], sizeof(int));
    ASSERT_EQ(sendmsg(p.a, &mh, 0), 1);
    send_raw(p.a, msg.substr(1) + "xx");
    close(pipefd[0]);
    close(pipefd[1]);
    EXPECT_FALSE(recv_request(p.b).has_value());
  }
  EXPECT_EQ(open_fds(), before) << "the passed descriptor leaked";
}

TEST(Protocol, SendToClosedPeerFailsWithoutSigpipe) {
  Pair p;
  close(p.b);
  p.b = -1;
  EXPECT_FALSE(send_frame(p.a, 'O', "nobody listens"));
  EXPECT_FALSE(send_request(p.a, {"x"}));
}

TEST(Protocol, ConnectToMissingSocket) {
  EXPECT_EQ(connect_socket("/nonexistent/dir/ctl.sock"), -1);
  EXPECT_EQ(errno, ENOENT);
  EXPECT_EQ(connect_socket(std::string(200, 'x')), -1);
  EXPECT_EQ(errno, ENAMETOOLONG);
}
