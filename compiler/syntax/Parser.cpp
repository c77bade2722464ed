#include "syntax/Parser.h"

#include "base/Utf8.h"
#include "syntax/ItemScanner.h"
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

// ANTLR's tokens and parse trees take about a hundred times the text they
// cover. So the file is parsed in pieces of about this size: consecutive items
// in one parse, and a larger block as its header plus its items, recursively.
// Only one piece's tokens and tree are alive at a time.
constexpr uint32_t pieceBytes = 64 * 1024;
// Nesting of blocks, parentheses and brackets deeper than this is an error:
// the parser recurses per level and must not run out of stack.
constexpr unsigned maxNestingDepth = 256;

// Lexes and parses the given slices of the file as a list of items.
// Two-stage parse: SLL prediction with a bailing strategy is fast and right
// for almost every valid input; only when it fails is the text parsed again
// with full LL prediction and the recovering strategy, which reports errors.
std::vector<const ast::Item *> parseSlices(ParseState &state, llvm::ArrayRef<TextSlice> slices) {
  std::string joined;
  for (TextSlice slice : slices)
    joined += state.fileText.slice(slice.begin, slice.end);
  antlr4::ANTLRInputStream input(joined.data(), joined.size());
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

class PiecewiseParser {
public:
  PiecewiseParser(FileId file, llvm::StringRef text, ast::AstContext &context,
                  DiagnosticEngine &diagnostics)
      : file_(file), text_(text), context_(context), diagnostics_(diagnostics) {}

  /// The items of text[begin, end), which lies `depth` blocks deep.
  std::vector<const ast::Item *> parseItems(uint32_t begin, uint32_t end, unsigned depth) {
    std::vector<const ast::Item *> items;
    uint32_t pieceBegin = begin;
    uint32_t pieceEnd = begin;
    auto flush = [&] {
      if (pieceEnd > pieceBegin)
        append(items, parse({{pieceBegin, pieceEnd}}, std::nullopt));
      pieceBegin = pieceEnd;
    };
    for (const ItemSpan &span : scanItems(text_, begin, end)) {
      if (depth + span.maxDepth > maxNestingDepth) {
        flush();
        diagnostics_.report(DiagCode::E0112, {file_, span.firstToken, span.firstToken + 1},
                            llvm::formatv("this item nests blocks, brackets or prefix "
                                          "operators (`-`, `not`, `if`, `=>`) more than {0} "
                                          "levels deep",
                                          maxNestingDepth)
                                .str());
        pieceBegin = pieceEnd = span.end;
        continue;
      }
      bool splittable = span.closeBrace != ItemSpan::noBrace &&
                        span.end - span.begin > pieceBytes;
      if (splittable) {
        flush();
        append(items, parseSplit(span, depth));
        pieceBegin = pieceEnd = span.end;
        continue;
      }
      pieceEnd = span.end;
      if (pieceEnd - pieceBegin >= pieceBytes)
        flush();
    }
    flush();
    return items;
  }

private:
  FileId file_;
  llvm::StringRef text_;
  ast::AstContext &context_;
  DiagnosticEngine &diagnostics_;

  static void append(std::vector<const ast::Item *> &items,
                     const std::vector<const ast::Item *> &more) {
    items.insert(items.end(), more.begin(), more.end());
  }

  std::vector<const ast::Item *> parse(llvm::ArrayRef<TextSlice> slices,
                                       std::optional<BlockSplice> splice) {
    ParseState state(file_, text_, slices, context_, diagnostics_);
    state.splice = splice;
    return parseSlices(state, slices);
  }

  // A large block item: its body's items are parsed first, then the header
  // with an empty block `{` `}` into which they are spliced.
  std::vector<const ast::Item *> parseSplit(const ItemSpan &span, unsigned depth) {
    std::vector<const ast::Item *> body =
        parseItems(span.openBrace + 1, span.closeBrace, depth + 1);
    TextSlice header{span.begin, span.openBrace + 1};
    TextSlice closer{span.closeBrace, span.closeBrace + 1};
    return parse({header, closer}, BlockSplice{span.openBrace, context_.copy(body)});
  }
};

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
  PiecewiseParser parser(file, text, context, diagnostics);
  std::vector<const ast::Item *> items =
      parser.parseItems(start, static_cast<uint32_t>(text.size()), 0);
  return context.make<ast::File>(file, context.copy(items));
}

} // namespace sgd::syntax
