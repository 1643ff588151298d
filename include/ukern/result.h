// Errors are values: Result<T> holds a T or an errno. Only the dispatcher
// turns an error into -errno for the caller.
#pragma once
#include <cerrno>
#include <utility>
#include <variant>

namespace ukern {

/// An errno value (EFAULT, EINVAL, ...), never 0.
struct Error {
  int code;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error e) : v_(e) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  int error() const { return ok() ? 0 : std::get<1>(v_).code; }
  /// The value, or -errno, as a system call returns it.
  long as_syscall_return() const
    requires std::is_integral_v<T>
  {
    return ok() ? static_cast<long>(value()) : -static_cast<long>(error());
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error e) : err_(e.code) {}
  bool ok() const { return err_ == 0; }
  explicit operator bool() const { return ok(); }
  int error() const { return err_; }
  long as_syscall_return() const { return -static_cast<long>(err_); }

 private:
  int err_ = 0;
};

}  // namespace ukern
