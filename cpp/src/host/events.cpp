#include "libp2p/host/events.hpp"

#include <boost/asio/error.hpp>

namespace libp2p::host {

asio::awaitable<Result<Event>> Subscription::next() {
  while (queue_.empty()) {
    if (closed_) co_return Error(asio::error::operation_aborted, "event subscription closed");
    if (auto [ec] = co_await arrived_.async_wait(use_result); ec) co_return Error(ec);
  }
  Event event = std::move(queue_.front());
  queue_.pop_front();
  co_return event;
}

void Subscription::push(const Event& event) {
  if (closed_) return;
  if (queue_.size() >= capacity_) {
    queue_.pop_front();
    ++dropped_;
  }
  queue_.push_back(event);
  arrived_.notify();
}

void Subscription::close() {
  closed_ = true;
  queue_.clear();
  arrived_.notify();
}

std::shared_ptr<Subscription> EventBus::subscribe(std::size_t capacity) {
  auto subscription = std::make_shared<Subscription>(executor_, capacity);
  subscribers_.push_back(subscription);
  return subscription;
}

void EventBus::emit(const Event& event) {
  std::erase_if(subscribers_, [](const auto& weak) { return weak.expired(); });
  for (const auto& weak : subscribers_)
    if (auto s = weak.lock()) s->push(event);
}

void EventBus::close() {
  for (const auto& weak : subscribers_)
    if (auto s = weak.lock()) s->close();
  subscribers_.clear();
}

}  // namespace libp2p::host
