#pragma once
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace s2p {

// Runs a producer (fills a buffer, returns false after the last one) on its own thread and
// hands the full buffers to the consumer through a bounded queue, so reading and transforming
// SQLite overlaps sending to PostgreSQL. Memory stays `depth` buffers; buffers are reused.
// The producer's exception reaches the consumer; a consumer that gives up stops the producer.
class BufferPipeline {
 public:
  explicit BufferPipeline(std::function<bool(std::string&)> produce, std::size_t depth = 4);
  ~BufferPipeline();
  BufferPipeline(const BufferPipeline&) = delete;
  BufferPipeline& operator=(const BufferPipeline&) = delete;

  // Swaps the next full buffer into `out` (the consumer's old buffer is recycled). Returns
  // false once the producer's last buffer has been handed over.
  bool next(std::string& out);

 private:
  void run();

  std::function<bool(std::string&)> produce_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> free_, full_;
  bool finished_ = false;  // the producer handed over its last buffer
  bool stop_ = false;      // the consumer gave up
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace s2p
