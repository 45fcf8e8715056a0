#pragma once

#include <string>
#include <utility>
#include <variant>

namespace sb {

/// A refusal of bad input, with the message a person should see at the field that held it.
struct InputError
{
    std::string message;
};

/// A value or the reason there is none. Thread-agnostic value type.
template<class T>
class Result
{
public:
    Result(T value) : m_v(std::move(value)) { }
    Result(InputError error) : m_v(std::move(error)) { }

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<0>(m_v); }
    T &value() & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    const T &operator*() const { return value(); }
    const T *operator->() const { return &value(); }
    const std::string &error() const { return std::get<1>(m_v).message; }

private:
    std::variant<T, InputError> m_v;
};

} // namespace sb
