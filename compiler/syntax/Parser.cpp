#include "syntax/Parser.h"

#include "base/Utf8.h"
#include "syntax/LexicalPass.h"
#include "syntax/ParseState.h"
#include "syntax/ParseTreeConverter.h"
#include "syntax/SyntaxErrorStrategy.h"

#include "SgdLexer.h"
#include "SgdParser.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

namespace sgd::syntax {
namespace {

using antlr::SgdLexer;
using antlr::SgdParser;

// Two-stage parse: SLL prediction with a bailing strategy is fast and right
// for almost every valid input; only when it fails is the text parsed again
// with full LL prediction and the recovering strategy, which reports errors.
std::vector<const ast::Item *> parseItems(ParseState &state) {
  antlr4::ANTLRInputStream input(state.text.data(), state.text.size());
  SgdLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  runLexicalPass(tokens, state);

  SgdParser parser(&tokens);
  parser.removeErrorListeners();
  auto *simulator = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  SgdParser::FileContext *tree = nullptr;
  try {
    tree = parser.file();
  } catch (const antlr4::ParseCancellationException &) {
    tokens.seek(0);
    parser.reset();
    simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser.setErrorHandler(std::make_shared<SyntaxErrorStrategy>(state));
    tree = parser.file();
  }
  return convertItems(tree->item(), state);
}

} // namespace

const ast::File *parseFile(const SourceFiles &files, FileId file, ast::AstContext &context,
                           DiagnosticEngine &diagnostics) {
  llvm::StringRef text = files.text(file);
  if (std::optional<size_t> bad = findInvalidUtf8(text)) {
    auto offset = static_cast<uint32_t>(*bad);
    diagnostics.report(
        DiagCode::E0001, {file, offset, offset + 1},
        llvm::formatv("invalid UTF-8 at byte offset {0} (byte 0x{1}); SGD source "
                      "files must be UTF-8 encoded",
                      offset,
                      llvm::format("%02X", static_cast<unsigned char>(text[offset])))
            .str());
    return context.make<ast::File>(file, llvm::ArrayRef<const ast::Item *>());
  }
  // A UTF-8 byte order mark is allowed and ignored.
  uint32_t start = text.startswith("\xEF\xBB\xBF") ? 3 : 0;
  ParseState state(file, text.drop_front(start), start, context, diagnostics);
  std::vector<const ast::Item *> items = parseItems(state);
  return context.make<ast::File>(file, context.copy(items));
}

} // namespace sgd::syntax
