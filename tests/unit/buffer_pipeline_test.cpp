#include "sqlite2pg/load/buffer_pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

namespace s2p {
namespace {

TEST(BufferPipeline, HandsOverEveryBufferInOrder) {
  int made = 0;
  BufferPipeline p([&](std::string& b) {
    b = std::to_string(made++);
    return made < 1000;
  });
  std::string out, all;
  bool more = true;
  int got = 0;
  while (more) {
    out.clear();
    more = p.next(out);
    EXPECT_EQ(out, std::to_string(got++));
  }
  EXPECT_EQ(got, 1000);
}

TEST(BufferPipeline, TheProducersErrorArrivesAfterItsEarlierBuffers) {
  int made = 0;
  BufferPipeline p([&](std::string& b) {
    if (made == 3) throw std::runtime_error("bad row 3");
    b = std::to_string(made++);
    return true;
  });
  std::string out;
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(p.next(out));
    EXPECT_EQ(out, std::to_string(i));
  }
  EXPECT_THROW(p.next(out), std::runtime_error);
}

TEST(BufferPipeline, AConsumerThatGivesUpStopsTheProducer) {
  std::atomic<int> made = 0;
  {
    BufferPipeline p([&](std::string& b) {
      b = "x";
      ++made;
      return true;  // endless
    });
    std::string out;
    p.next(out);
  }  // destroyed mid-stream: must not hang
  EXPECT_LE(made.load(), 10);
}

}  // namespace
}  // namespace s2p
