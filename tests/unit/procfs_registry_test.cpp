// The /proc registry: creation, lookup, removal, rendering, module ownership
// and the built-in renderer hook.
#include <gtest/gtest.h>

#include "kernel/debug/guard.h"
#include "kernel/procfs/builtin.h"
#include "kernel/procfs/registry.h"

using namespace ukern;

namespace {

int show_hello(seq_file* m, void*) {
  seq_printf(m, "hello %s\n", m->private_data ? static_cast<const char*>(m->private_data) : "world");
  return 0;
}
int show_fail(seq_file*, void*) { return -EPERM; }
std::string g_written;
ssize_t write_keep(const char* buf, size_t n, off_t, void*) {
  g_written.assign(buf, n);
  return static_cast<ssize_t>(n);
}

const proc_ops hello_ops{.proc_show = show_hello};
const proc_ops fail_ops{.proc_show = show_fail};
const proc_ops rw_ops{.proc_show = show_hello, .proc_write = write_keep};

std::string render(const std::string& path) {
  auto e = proc_lookup(path);
  if (!e) return "lookup error " + std::to_string(e.error());
  auto t = proc_render(*e);
  if (!t) return "render error " + std::to_string(t.error());
  return *t;
}

class ProcRegistry : public ::testing::Test {
 protected:
  void SetUp() override { proc_reset_for_shutdown(); }
  void TearDown() override { proc_reset_for_shutdown(); }
};

TEST_F(ProcRegistry, CreateLookupRender) {
  ASSERT_NE(proc_create("hello", 0, nullptr, &hello_ops), nullptr);
  EXPECT_EQ(render("hello"), "hello world\n");
  EXPECT_EQ(render("/hello"), "hello world\n");
  auto e = proc_lookup("hello");
  ASSERT_TRUE(e.ok());
  ProcStat st = proc_stat(**e);
  EXPECT_FALSE(st.is_dir);
  EXPECT_EQ(st.mode, 0444u);
}

TEST_F(ProcRegistry, DataPointerReachesShow) {
  static char who[] = "data";
  ASSERT_NE(proc_create_data("d", 0440, nullptr, &hello_ops, who), nullptr);
  EXPECT_EQ(render("d"), "hello data\n");
  EXPECT_EQ(proc_stat(**proc_lookup("d")).mode, 0440u);
}

TEST_F(ProcRegistry, RejectsBadNamesDuplicatesAndMissingShow) {
  EXPECT_EQ(proc_create("", 0, nullptr, &hello_ops), nullptr);
  EXPECT_EQ(proc_create("a/b", 0, nullptr, &hello_ops), nullptr);
  EXPECT_EQ(proc_create("..", 0, nullptr, &hello_ops), nullptr);
  EXPECT_EQ(proc_create(nullptr, 0, nullptr, &hello_ops), nullptr);
  proc_ops empty{};
  EXPECT_EQ(proc_create("x", 0, nullptr, &empty), nullptr);
  EXPECT_EQ(proc_create("x", 0, nullptr, nullptr), nullptr);
  ASSERT_NE(proc_create("x", 0, nullptr, &hello_ops), nullptr);
  EXPECT_EQ(proc_create("x", 0, nullptr, &hello_ops), nullptr);
  EXPECT_EQ(proc_mkdir("x", nullptr), nullptr);
}

TEST_F(ProcRegistry, DirectoriesNestAndListSorted) {
  proc_dir_entry* dir = proc_mkdir("driver", nullptr);
  ASSERT_NE(dir, nullptr);
  ASSERT_NE(proc_create("b", 0, dir, &hello_ops), nullptr);
  ASSERT_NE(proc_create("a", 0, dir, &hello_ops), nullptr);
  proc_dir_entry* sub = proc_mkdir("sub", dir);
  ASSERT_NE(sub, nullptr);
  auto d = proc_lookup("driver");
  ASSERT_TRUE(d.ok());
  auto names = proc_list(**d);
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::vector<std::string>{"a", "b", "sub"}));
  EXPECT_EQ(proc_stat(**d).nlink, 3u);
  EXPECT_EQ(render("driver/a"), "hello world\n");
  EXPECT_EQ(render("driver"), "render error " + std::to_string(EISDIR));
  EXPECT_EQ(proc_lookup("driver/a/x").error(), ENOTDIR);
  EXPECT_EQ(proc_lookup("driver/zz").error(), ENOENT);
  // A file is not a parent.
  proc_dir_entry* file = proc_create("f", 0, nullptr, &hello_ops);
  EXPECT_EQ(proc_create("g", 0, file, &hello_ops), nullptr);
}

TEST_F(ProcRegistry, RemovingADirectoryTakesItsChildrenAndOpenRefsGetEio) {
  proc_dir_entry* dir = proc_mkdir("d", nullptr);
  proc_dir_entry* f = proc_create("f", 0, dir, &hello_ops);
  ASSERT_NE(f, nullptr);
  auto held = proc_lookup("d/f");
  ASSERT_TRUE(held.ok());
  proc_remove(dir);
  EXPECT_EQ(proc_lookup("d").error(), ENOENT);
  EXPECT_EQ(proc_lookup("d/f").error(), ENOENT);
  EXPECT_TRUE((*held)->dead);
  EXPECT_EQ(proc_render(*held).error(), EIO);
  // Removing again, or a child of a removed directory, is harmless.
  proc_remove(dir);
  proc_remove(f);
  proc_remove(nullptr);
  EXPECT_EQ(proc_create("x", 0, dir, &hello_ops), nullptr);  // dead parent
}

TEST_F(ProcRegistry, RemoveProcEntryByName) {
  proc_dir_entry* dir = proc_mkdir("d", nullptr);
  ASSERT_NE(proc_create("f", 0, dir, &hello_ops), nullptr);
  remove_proc_entry("f", dir);
  EXPECT_EQ(proc_lookup("d/f").error(), ENOENT);
  remove_proc_entry("missing", dir);  // warns only
  remove_proc_entry("d", nullptr);
  EXPECT_EQ(proc_lookup("d").error(), ENOENT);
}

TEST_F(ProcRegistry, ShowErrorReachesTheReader) {
  ASSERT_NE(proc_create("fail", 0, nullptr, &fail_ops), nullptr);
  EXPECT_EQ(render("fail"), "render error " + std::to_string(EPERM));
}

TEST_F(ProcRegistry, WritesGoToProcWriteAndReadOnlyEntriesRefuse) {
  ASSERT_NE(proc_create("rw", 0, nullptr, &rw_ops), nullptr);
  ASSERT_NE(proc_create("ro", 0, nullptr, &hello_ops), nullptr);
  EXPECT_EQ(proc_stat(**proc_lookup("rw")).mode, 0644u);
  auto w = proc_write_to(*proc_lookup("rw"), "abc", 3, 0);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(*w, 3u);
  EXPECT_EQ(g_written, "abc");
  EXPECT_EQ(proc_write_to(*proc_lookup("ro"), "abc", 3, 0).error(), EACCES);
}

TEST_F(ProcRegistry, ModuleEntriesDieOnGoingAndLeftoversGoOnGone) {
  Module m;
  m.name = "fake";
  m.state = ModuleState::Live;
  proc_dir_entry* kept = nullptr;
  run_module_code(&m, "init", [&] {
    proc_dir_entry* dir = proc_mkdir("fake", nullptr);
    proc_create("f", 0, dir, &hello_ops);
    kept = proc_create("kept", 0, nullptr, &hello_ops);
    return 0L;
  }, -1);
  ASSERT_NE(kept, nullptr);
  ASSERT_NE(proc_create("kernel_own", 0, nullptr, &hello_ops), nullptr);
  EXPECT_EQ(render("fake/f"), "hello world\n");
  EXPECT_EQ(m.inflight.load(), 0);  // the call reference was dropped

  auto held = proc_lookup("fake/f");
  m.state = ModuleState::Going;
  proc_on_module_event(m, ModuleEvent::Going);
  EXPECT_EQ(proc_render(*held).error(), EIO);
  EXPECT_EQ(render("kept"), "render error " + std::to_string(EIO));
  // The module's exit removes one entry itself; the rest is swept on Gone.
  proc_remove(kept);
  EXPECT_EQ(proc_lookup("kept").error(), ENOENT);
  EXPECT_TRUE(proc_lookup("fake/f").ok());
  proc_on_module_event(m, ModuleEvent::Gone);
  EXPECT_EQ(proc_lookup("fake").error(), ENOENT);
  EXPECT_EQ(render("kernel_own"), "hello world\n");
}

TEST_F(ProcRegistry, ModuleNotLiveMeansEio) {
  Module m;
  m.name = "coming";  // state Coming: init still running
  run_module_code(&m, "init", [&] { return proc_create("c", 0, nullptr, &hello_ops) ? 0L : -1L; }, -1);
  EXPECT_EQ(render("c"), "render error " + std::to_string(EIO));
  m.state = ModuleState::Live;
  EXPECT_EQ(render("c"), "hello world\n");
  proc_on_module_event(m, ModuleEvent::Gone);
  EXPECT_EQ(proc_lookup("c").error(), ENOENT);
}

TEST_F(ProcRegistry, BuiltinRendererHook) {
  procfs_create_builtin_entries();
  for (const char* n : {"modules", "syscalls", "interrupts", "kthreads", "meminfo"})
    EXPECT_TRUE(proc_lookup(n).ok()) << n;
  EXPECT_NE(render("interrupts").find("SYS:"), std::string::npos);
  // The scheduler and the allocator plug in their renderers at start-up.
  EXPECT_EQ(render("kthreads").find("no data source registered yet"), std::string::npos);
  EXPECT_NE(render("meminfo").find("kmalloc total:"), std::string::npos);
  EXPECT_TRUE(procfs_set_builtin_renderer("kthreads", [](seq_file& m) { seq_puts(&m, "PID NAME\n"); }));
  EXPECT_EQ(render("kthreads"), "PID NAME\n");
  EXPECT_TRUE(procfs_set_builtin_renderer("kthreads", nullptr));
  EXPECT_NE(render("kthreads").find("no data source registered yet"), std::string::npos);
  EXPECT_FALSE(procfs_set_builtin_renderer("nonsense", [](seq_file&) {}));
}

}  // namespace
