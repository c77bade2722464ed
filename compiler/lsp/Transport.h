#ifndef SGD_LSP_TRANSPORT_H
#define SGD_LSP_TRANSPORT_H

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

namespace sgd::lsp {

/// JSON-RPC 2.0 messages framed by `Content-Length` headers, as the Language
/// Server Protocol sends them over standard input and output.
class Transport {
public:
  Transport(int input, llvm::raw_ostream &output) : input_(input), output_(output) {}

  enum class Read { Message, Timeout, Closed, Malformed };

  /// Waits at most `timeoutMs` (forever when negative) for the next message.
  /// Malformed: a frame whose body is not JSON (`error` says why).
  Read read(int timeoutMs, llvm::json::Value &message, std::string &error);

  void send(llvm::json::Value message);

private:
  // A complete message in `buffer_`: its body, taken out of the buffer.
  std::optional<std::string> takeFrame();

  int input_;
  llvm::raw_ostream &output_;
  std::string buffer_;
  bool closed_ = false;
};

} // namespace sgd::lsp

#endif
