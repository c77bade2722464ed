#include "lsp/Server.h"

#include "driver/Version.h"
#include "format/Formatter.h"
#include "lsp/Features.h"
#include "lsp/Transport.h"
#include "lsp/Workspace.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <set>

namespace sgd::lsp {
namespace {

using Clock = std::chrono::steady_clock;
using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

// JSON-RPC and LSP error codes.
constexpr int64_t ParseError = -32700;
constexpr int64_t InvalidRequest = -32600;
constexpr int64_t MethodNotFound = -32601;
constexpr int64_t ServerNotInitialized = -32002;

// An edit is checked this long after the last keystroke, so that typing a
// word costs one check, not one per letter. The client may change it with
// `initializationOptions.debounceMs`.
constexpr int64_t defaultDebounceMs = 150;

class Server {
public:
  explicit Server(const sema::ModuleSearch &search)
      : transport_(0, llvm::outs()), workspace_(search) {}

  int run() {
    while (true) {
      int timeout = -1;
      if (!pending_.empty()) {
        auto next = std::min_element(pending_.begin(), pending_.end(),
                                     [](const auto &a, const auto &b) { return a.second < b.second; });
        timeout = static_cast<int>(std::max<int64_t>(
            0, std::chrono::duration_cast<std::chrono::milliseconds>(next->second - Clock::now())
                   .count()));
      }
      Value message = nullptr;
      std::string error;
      switch (transport_.read(timeout, message, error)) {
      case Transport::Read::Closed:
        return shutdown_ ? 0 : 1;
      case Transport::Read::Malformed:
        transport_.send(Object{{"jsonrpc", "2.0"}, {"id", nullptr},
                               {"error", Object{{"code", ParseError}, {"message", error}}}});
        break;
      case Transport::Read::Message:
        if (std::optional<int> status = handle(message))
          return *status;
        break;
      case Transport::Read::Timeout:
        break;
      }
      checkDue(false);
    }
  }

private:
  Transport transport_;
  Workspace workspace_;
  PositionEncoding encoding_ = PositionEncoding::Utf16;
  int64_t debounceMs_ = defaultDebounceMs;
  bool initialized_ = false;
  bool shutdown_ = false;
  std::map<std::string, Clock::time_point> pending_;                // path → when to check
  std::map<std::string, std::shared_ptr<CheckResult>> results_;     // path → its last check
  // path → its last check in which it parsed: completion reads the names
  // declared there while the line being typed does not parse.
  std::map<std::string, std::shared_ptr<CheckResult>> parsed_;
  std::map<std::string, std::set<std::string>> published_;          // checked path → paths with diagnostics

  // --------------------------------------------------------- messages ----

  void reply(const Value &id, Value result) {
    transport_.send(Object{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }
  void fail(const Value &id, int64_t code, std::string message) {
    transport_.send(Object{{"jsonrpc", "2.0"}, {"id", id},
                           {"error", Object{{"code", code}, {"message", std::move(message)}}}});
  }
  void notify(llvm::StringRef method, Value params) {
    transport_.send(Object{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }

  // An exit status when the server must stop.
  std::optional<int> handle(const Value &message) {
    const Object *object = message.getAsObject();
    if (!object)
      return std::nullopt;
    llvm::Optional<llvm::StringRef> method = object->getString("method");
    const Value *id = object->get("id");
    const Value *paramsValue = object->get("params");
    static const Object none;
    const Object &params =
        paramsValue && paramsValue->getAsObject() ? *paramsValue->getAsObject() : none;
    if (!method)
      return std::nullopt; // a response to us: the server sends no requests
    if (*method == "exit")
      return shutdown_ ? 0 : 1;
    if (!id) {
      if (initialized_ && !shutdown_)
        notification(*method, params);
      return std::nullopt;
    }
    if (*method == "initialize") {
      reply(*id, initialize(params));
      return std::nullopt;
    }
    if (!initialized_) {
      fail(*id, ServerNotInitialized, "the server is not initialized yet");
      return std::nullopt;
    }
    if (shutdown_) {
      fail(*id, InvalidRequest, "the server is shutting down");
      return std::nullopt;
    }
    if (*method == "shutdown") {
      shutdown_ = true;
      reply(*id, nullptr);
      return std::nullopt;
    }
    checkDue(true); // answers reflect every edit so far
    std::optional<Value> result = request(*method, params);
    if (result)
      reply(*id, std::move(*result));
    else
      fail(*id, MethodNotFound, ("no method " + *method).str());
    return std::nullopt;
  }

  Value initialize(const Object &params) {
    initialized_ = true;
    if (const Object *general = params.getObject("capabilities")
                                    ? params.getObject("capabilities")->getObject("general")
                                    : nullptr)
      if (const Array *encodings = general->getArray("positionEncodings"))
        for (const Value &encoding : *encodings)
          if (encoding.getAsString() == llvm::StringRef("utf-8"))
            encoding_ = PositionEncoding::Utf8;
    if (const Object *options = params.getObject("initializationOptions"))
      if (llvm::Optional<int64_t> debounce = options->getInteger("debounceMs"))
        debounceMs_ = std::max<int64_t>(0, *debounce);
    Object capabilities{
        {"positionEncoding", encoding_ == PositionEncoding::Utf8 ? "utf-8" : "utf-16"},
        {"textDocumentSync",
         Object{{"openClose", true}, {"change", 2}, {"save", Object{{"includeText", false}}}}},
        {"hoverProvider", true},
        {"definitionProvider", true},
        {"referencesProvider", true},
        {"completionProvider", Object{{"triggerCharacters", Array{".", "=", ":"}}}},
        {"documentSymbolProvider", true},
        {"documentFormattingProvider", true},
        {"codeActionProvider", Object{{"codeActionKinds", Array{"quickfix"}}}}};
    return Object{{"capabilities", std::move(capabilities)},
                  {"serverInfo", Object{{"name", "sgdc"}, {"version", driver::versionString()}}}};
  }

  static std::optional<std::string> documentPath(const Object &params) {
    const Object *document = params.getObject("textDocument");
    llvm::Optional<llvm::StringRef> uri = document ? document->getString("uri") : llvm::None;
    if (!uri)
      return std::nullopt;
    std::optional<std::string> path = pathOf(*uri);
    if (!path)
      return std::nullopt;
    return canonicalPath(*path);
  }

  void notification(llvm::StringRef method, const Object &params) {
    std::optional<std::string> path = documentPath(params);
    if (!path)
      return;
    const Object *document = params.getObject("textDocument");
    int64_t version = document->getInteger("version").getValueOr(0);
    if (method == "textDocument/didOpen") {
      workspace_.open(*path, document->getString("text").getValueOr("").str(), version);
      pending_[*path] = Clock::now(); // at once: the file has just been opened
    } else if (method == "textDocument/didChange") {
      const std::string *current = workspace_.text(*path);
      const Array *changes = params.getArray("contentChanges");
      if (!current || !changes)
        return;
      std::string text = *current;
      for (const Value &change : *changes) {
        const Object *edit = change.getAsObject();
        if (!edit)
          continue;
        std::string inserted = edit->getString("text").getValueOr("").str();
        if (const Object *range = edit->getObject("range")) {
          uint32_t begin = offsetAt(text, range->get("start"), encoding_);
          uint32_t end = std::max(begin, offsetAt(text, range->get("end"), encoding_));
          text.replace(begin, end - begin, inserted);
        } else {
          text = std::move(inserted);
        }
      }
      workspace_.open(*path, std::move(text), version);
      pending_[*path] = Clock::now() + std::chrono::milliseconds(debounceMs_);
    } else if (method == "textDocument/didSave") {
      pending_[*path] = Clock::now();
    } else if (method == "textDocument/didClose") {
      workspace_.close(*path);
      pending_.erase(*path);
      // The file on disk is what the project holds now.
      pending_[*path] = Clock::now();
    }
  }

  // ------------------------------------------------------------ checks ----

  // Runs the checks that are due (all pending ones with `all`).
  void checkDue(bool all) {
    auto now = Clock::now();
    std::vector<std::string> due;
    for (const auto &[path, when] : pending_)
      if (all || when <= now)
        due.push_back(path);
    std::set<std::string> done;
    for (const std::string &path : due) {
      pending_.erase(path);
      if (done.count(path))
        continue;
      std::shared_ptr<CheckResult> result = workspace_.check(path);
      for (const auto &[file, checked] : result->paths)
        done.insert(checked);
      publish(path, *result);
      for (const auto &[file, checked] : result->paths) {
        results_[checked] = result;
        if (result->parsedCleanly(checked))
          parsed_[checked] = result;
      }
      results_[path] = result;
      notify("window/logMessage",
             Object{{"type", 4},
                    {"message", llvm::formatv("sgdc: checked {0} in {1:f1} ms ({2} files)", path,
                                              result->milliseconds, result->paths.size())
                                    .str()}});
    }
  }

  Value lspDiagnostic(const CheckResult &result, const Diagnostic &d) {
    llvm::StringRef text = workspace_.textOf(result, d.range.file);
    Object diagnostic{
        {"range", rangeOf(text, d.range.begin, d.range.end, encoding_)},
        {"severity", d.severity == Severity::Error ? 1 : d.severity == Severity::Warning ? 2 : 3},
        {"code", d.id().str()},
        {"source", "sgdc"}};
    std::string message = d.message;
    Array related;
    for (const DiagNote &note : d.notes) {
      Value place = note.range ? location(result, workspace_, *note.range, encoding_) : nullptr;
      if (place.kind() == Value::Null)
        message += "\n" + note.message;
      else
        related.push_back(Object{{"location", std::move(place)}, {"message", note.message}});
    }
    diagnostic["message"] = std::move(message);
    if (!related.empty())
      diagnostic["relatedInformation"] = std::move(related);
    return diagnostic;
  }

  // Diagnostics of every file of the check that is not the standard
  // library's; files that had some from the last check of `path` and have
  // none now are cleared.
  void publish(const std::string &path, const CheckResult &result) {
    std::map<std::string, Array> byFile;
    for (const sema::Module &module : result.session->modules().modules)
      if (!module.isStandard)
        byFile[result.pathOf(module.file)];
    byFile[path];
    for (const Diagnostic *d : result.session->diagnostics().sorted()) {
      if (d->suppressed())
        continue;
      std::string file = result.pathOf(d->range.file);
      if (file.empty()) {
        llvm::StringRef shown = result.session->files().displayName(d->range.file);
        if (!shown.startswith("/"))
          continue; // the command line: nothing an editor shows
        file = shown.str();
      }
      byFile[file].push_back(lspDiagnostic(result, *d));
    }
    std::set<std::string> &before = published_[path];
    for (const std::string &stale : before)
      byFile.try_emplace(stale);
    before.clear();
    for (auto &[file, diagnostics] : byFile) {
      if (!diagnostics.empty())
        before.insert(file);
      notify("textDocument/publishDiagnostics",
             Object{{"uri", uriOf(file)}, {"diagnostics", std::move(diagnostics)}});
    }
  }

  // ---------------------------------------------------------- requests ----

  std::optional<FileView> view(const std::string &path, bool lastParsed = false) {
    if (lastParsed)
      if (auto found = parsed_.find(path); found != parsed_.end())
        if (std::optional<FileView> file = viewOf(path, *found->second))
          return file;
    auto found = results_.find(path);
    if (found == results_.end()) {
      std::shared_ptr<CheckResult> result = workspace_.check(path);
      publish(path, *result);
      found = results_.emplace(path, result).first;
    }
    return viewOf(path, *found->second);
  }

  std::optional<FileView> viewOf(const std::string &path, const CheckResult &result) {
    std::optional<unsigned> module = result.moduleOf(path);
    if (!module)
      return std::nullopt;
    FileId file = result.session->modules().modules[*module].file;
    return FileView{result,   *module, file, workspace_.textOf(result, file),
                    path,     encoding_, workspace_.search()};
  }

  std::optional<Value> request(llvm::StringRef method, const Object &params) {
    std::optional<std::string> path = documentPath(params);
    if (!path)
      return method.startswith("textDocument/") ? std::optional<Value>(nullptr) : std::nullopt;
    if (method == "textDocument/formatting")
      return formatting(*path);
    bool known = llvm::is_contained(std::initializer_list<llvm::StringRef>{"textDocument/hover", "textDocument/definition",
                                     "textDocument/references", "textDocument/completion",
                                     "textDocument/documentSymbol", "textDocument/codeAction"},
                                    method);
    if (!known)
      return std::nullopt;
    std::optional<FileView> file = view(*path, method == "textDocument/completion");
    if (!file)
      return method == "textDocument/references" || method == "textDocument/documentSymbol" ||
                     method == "textDocument/codeAction" || method == "textDocument/completion"
                 ? Value(Array())
                 : Value(nullptr);
    uint32_t offset = offsetAt(file->text, params.get("position"), encoding_);
    if (method == "textDocument/hover")
      return hover(*file, offset);
    if (method == "textDocument/definition")
      return definition(*file, workspace_, offset);
    if (method == "textDocument/references") {
      const Object *context = params.getObject("context");
      bool withDeclaration =
          context && context->getBoolean("includeDeclaration").getValueOr(false);
      return references(*file, workspace_, offset, withDeclaration);
    }
    if (method == "textDocument/completion") {
      const std::string *text = workspace_.text(*path);
      llvm::StringRef current = text ? llvm::StringRef(*text) : file->text;
      return Object{{"isIncomplete", false},
                    {"items", completion(*file, current,
                                         offsetAt(current, params.get("position"), encoding_))}};
    }
    if (method == "textDocument/documentSymbol")
      return documentSymbols(*file);
    const Object *range = params.getObject("range");
    uint32_t begin = range ? offsetAt(file->text, range->get("start"), encoding_) : 0;
    uint32_t end = range ? offsetAt(file->text, range->get("end"), encoding_) : begin;
    return codeActions(*file, begin, end);
  }

  // The whole file in the canonical layout, as one edit; none when it is
  // formatted already or does not parse.
  Value formatting(const std::string &path) {
    const std::string *text = workspace_.text(path);
    if (!text)
      return Array();
    SourceFiles files;
    FileId file = files.addBuffer(path, *text);
    DiagnosticEngine diagnostics;
    auto formatted = format::formatFile(files, file, diagnostics);
    if (!formatted) {
      notify("window/logMessage",
             Object{{"type", 1}, {"message", "sgdc: " + llvm::toString(formatted.takeError())}});
      return Array();
    }
    if (!*formatted || **formatted == *text)
      return Array();
    return Array{Object{{"range", rangeOf(*text, 0, static_cast<uint32_t>(text->size()), encoding_)},
                        {"newText", **formatted}}};
  }
};

} // namespace

int runServer(const sema::ModuleSearch &search) {
  return Server(search).run();
}

} // namespace sgd::lsp
