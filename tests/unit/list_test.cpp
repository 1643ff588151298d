// The checked list_head: every operation, and corruption that is reported
// and refused instead of followed.
#include <gtest/gtest.h>

#include <vector>

#include "sched_test_util.h"
#include "ukern/list.h"

using namespace ukern::test;

namespace {
struct Item {
  int v;
  struct list_head node;
};

std::vector<int> values(struct list_head* head) {
  std::vector<int> out;
  Item* it;
  list_for_each_entry(it, head, node) out.push_back(it->v);
  return out;
}
}  // namespace

TEST(List, AddAddTailDelAndIterate) {
  LIST_HEAD(head);
  EXPECT_TRUE(list_empty(&head));
  Item a{1, {}}, b{2, {}}, c{3, {}};
  list_add_tail(&a.node, &head);
  list_add_tail(&b.node, &head);
  list_add(&c.node, &head);
  EXPECT_EQ(values(&head), (std::vector<int>{3, 1, 2}));
  EXPECT_EQ(list_count_nodes(&head), 3u);
  EXPECT_EQ(list_first_entry(&head, Item, node)->v, 3);
  EXPECT_EQ(list_last_entry(&head, Item, node)->v, 2);
  EXPECT_TRUE(list_is_first(&c.node, &head));
  EXPECT_TRUE(list_is_last(&b.node, &head));
  list_del(&a.node);
  EXPECT_EQ(a.node.next, LIST_POISON1);
  EXPECT_EQ(a.node.prev, LIST_POISON2);
  EXPECT_EQ(values(&head), (std::vector<int>{3, 2}));
  std::vector<int> reverse;
  Item* it;
  list_for_each_entry_reverse(it, &head, node) reverse.push_back(it->v);
  EXPECT_EQ(reverse, (std::vector<int>{2, 3}));
}

TEST(List, SafeIterationAllowsDeletingAndMoveTailReorders) {
  LIST_HEAD(head);
  Item items[5];
  for (int i = 0; i < 5; ++i) {
    items[i].v = i;
    list_add_tail(&items[i].node, &head);
  }
  list_move_tail(&items[0].node, &head);
  EXPECT_EQ(values(&head), (std::vector<int>{1, 2, 3, 4, 0}));
  list_move(&items[4].node, &head);
  EXPECT_EQ(values(&head), (std::vector<int>{4, 1, 2, 3, 0}));
  Item *pos, *n;
  list_for_each_entry_safe(pos, n, &head, node) if (pos->v % 2 == 0) list_del(&pos->node);
  EXPECT_EQ(values(&head), (std::vector<int>{1, 3}));
  list_del_init(&items[1].node);
  EXPECT_TRUE(list_empty(&items[1].node));
  EXPECT_TRUE(list_is_singular(&head));
  struct list_head* p;
  int count = 0;
  list_for_each(p, &head) ++count;
  EXPECT_EQ(count, 1);
  EXPECT_EQ(list_first_entry_or_null(&head, Item, node)->v, 3);
  list_del(&items[3].node);
  EXPECT_EQ(list_first_entry_or_null(&head, Item, node), nullptr);
}

TEST(List, SpliceTailInitMovesEverything) {
  LIST_HEAD(a);
  LIST_HEAD(b);
  Item x{1, {}}, y{2, {}}, z{3, {}};
  list_add_tail(&x.node, &a);
  list_add_tail(&y.node, &b);
  list_add_tail(&z.node, &b);
  list_splice_tail_init(&b, &a);
  EXPECT_EQ(values(&a), (std::vector<int>{1, 2, 3}));
  EXPECT_TRUE(list_empty(&b));
}

TEST(List, DeletingADeletedEntryIsReportedAndRefused) {
  LIST_HEAD(head);
  Item a{1, {}}, b{2, {}};
  list_add_tail(&a.node, &head);
  list_add_tail(&b.node, &head);
  list_del(&a.node);
  uint64_t mark = log_mark();
  list_del(&a.node);  // use after delete: poisoned pointers, not followed
  std::string log = log_since(mark);
  EXPECT_NE(log.find("list_del corruption"), std::string::npos) << log;
  EXPECT_NE(log.find("LIST_POISON1"), std::string::npos) << log;
  EXPECT_NE(log.find("Call Trace:"), std::string::npos) << log;
  EXPECT_EQ(values(&head), (std::vector<int>{2}));  // the list is intact
  mark = log_mark();
  list_add(&b.node, &a.node);  // adding after a deleted entry
  EXPECT_NE(log_since(mark).find("list_add corruption"), std::string::npos);
  EXPECT_EQ(values(&head), (std::vector<int>{2}));
}

TEST(List, DoubleAddAndOverwrittenNeighboursAreReported) {
  LIST_HEAD(head);
  Item a{1, {}}, b{2, {}}, c{3, {}};
  list_add_tail(&a.node, &head);
  uint64_t mark = log_mark();
  list_add_tail(&a.node, &head);  // already the tail: new == prev
  EXPECT_NE(log_since(mark).find("list_add double add"), std::string::npos);
  EXPECT_EQ(values(&head), (std::vector<int>{1}));
  list_add_tail(&b.node, &head);
  b.node.prev = &c.node;  // a stray write
  mark = log_mark();
  list_add_tail(&c.node, &head);  // head->prev (b) is fine, but deleting b is not
  list_del(&b.node);
  std::string log = log_since(mark);
  EXPECT_NE(log.find("list_del corruption. prev->next should be"), std::string::npos) << log;
  mark = log_mark();
  a.node.next = &c.node;  // a says its next is c, but b still says a is its prev
  Item d{4, {}};
  list_add(&d.node, &a.node);  // between a and c: c->prev is b, not a
  EXPECT_NE(log_since(mark).find("list_add corruption. next->prev should be prev"), std::string::npos);
}
