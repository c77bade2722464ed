#include "lsp/Transport.h"

#include "llvm/ADT/StringExtras.h"

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace sgd::lsp {

std::optional<std::string> Transport::takeFrame() {
  size_t headerEnd = buffer_.find("\r\n\r\n");
  if (headerEnd == std::string::npos)
    return std::nullopt;
  size_t length = 0;
  bool found = false;
  llvm::SmallVector<llvm::StringRef, 4> lines;
  llvm::StringRef(buffer_).take_front(headerEnd).split(lines, "\r\n");
  for (llvm::StringRef line : lines) {
    auto [name, value] = line.split(':');
    if (name.trim().equals_insensitive("Content-Length"))
      found = !value.trim().getAsInteger(10, length);
  }
  if (!found) { // not a frame: drop the header and resynchronise
    buffer_.erase(0, headerEnd + 4);
    return std::string();
  }
  if (buffer_.size() < headerEnd + 4 + length)
    return std::nullopt;
  std::string body = buffer_.substr(headerEnd + 4, length);
  buffer_.erase(0, headerEnd + 4 + length);
  return body;
}

Transport::Read Transport::read(int timeoutMs, llvm::json::Value &message, std::string &error) {
  while (true) {
    if (std::optional<std::string> body = takeFrame()) {
      llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(*body);
      if (!parsed) {
        error = llvm::toString(parsed.takeError());
        return Read::Malformed;
      }
      message = std::move(*parsed);
      return Read::Message;
    }
    if (closed_)
      return Read::Closed;
    pollfd wait{input_, POLLIN, 0};
    int ready = poll(&wait, 1, timeoutMs);
    if (ready < 0 && errno == EINTR)
      continue;
    if (ready == 0)
      return Read::Timeout;
    char chunk[65536];
    ssize_t count = ::read(input_, chunk, sizeof chunk);
    if (count < 0 && errno == EINTR)
      continue;
    if (count <= 0)
      closed_ = true;
    else
      buffer_.append(chunk, static_cast<size_t>(count));
  }
}

void Transport::send(llvm::json::Value message) {
  std::string body;
  llvm::raw_string_ostream stream(body);
  stream << message;
  stream.flush();
  output_ << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  output_.flush();
}

} // namespace sgd::lsp
