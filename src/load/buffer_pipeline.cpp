#include "sqlite2pg/load/buffer_pipeline.h"

namespace s2p {

BufferPipeline::BufferPipeline(std::function<bool(std::string&)> produce, std::size_t depth)
    : produce_(std::move(produce)), free_(depth) {
  thread_ = std::thread([this] { run(); });
}

BufferPipeline::~BufferPipeline() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void BufferPipeline::run() {
  try {
    for (;;) {
      std::string buffer;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stop_ || !free_.empty(); });
        if (stop_) return;
        buffer = std::move(free_.front());
        free_.pop_front();
      }
      buffer.clear();
      const bool more = produce_(buffer);
      {
        std::lock_guard lock(mutex_);
        full_.push_back(std::move(buffer));
        finished_ = !more;
      }
      changed_.notify_all();
      if (!more) return;
    }
  } catch (...) {
    {
      std::lock_guard lock(mutex_);
      error_ = std::current_exception();
    }
    changed_.notify_all();
  }
}

bool BufferPipeline::next(std::string& out) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !full_.empty() || error_; });
  if (full_.empty()) std::rethrow_exception(error_);  // buffers made before the error go first
  std::string recycled = std::move(out);              // keeps its capacity for the producer
  out = std::move(full_.front());
  full_.pop_front();
  free_.push_back(std::move(recycled));
  const bool more = !(finished_ && full_.empty());
  lock.unlock();
  changed_.notify_all();
  return more;
}

}  // namespace s2p
