#include "syntax/Parser.h"

#include "base/InputFile.h"
#include "base/Utf8.h"
#include "syntax/ItemScanner.h"
#include "syntax/LexicalPass.h"
#include "syntax/ParseState.h"
#include "syntax/ParseTreeConverter.h"
#include "syntax/SyntaxErrorStrategy.h"
#include "syntax/ThreadDfa.h"
#include "syntax/TokenBuffer.h"

#include "SgdParser.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/ThreadPool.h"

#include <type_traits>

namespace sgd::syntax {
namespace {

using antlr::SgdParser;

// ANTLR's tokens and parse trees take about a hundred times the text they
// cover. So the file is parsed in pieces of about this size: consecutive items
// in one parse, and a larger block as its header plus its items, recursively.
// Only one piece's tokens and tree are alive at a time.
constexpr uint32_t pieceBytes = 64 * 1024;
// Nesting of blocks, parentheses and brackets deeper than this is an error:
// the parser recurses per level and must not run out of stack.
constexpr unsigned maxNestingDepth = 256;

// The generated parser's rules and predictions must reach SgdParserBase's
// exitRule, getInterpreter and finally, not antlr4::Parser's (which
// dynamic_cast) and antlrcpp's (a std::function).
static_assert(std::is_same_v<decltype(&SgdParser::exitRule), void (antlr::SgdParserBase::*)()>);
static_assert(std::is_same_v<decltype(&SgdParser::getInterpreter<antlr4::atn::ParserATNSimulator>),
                             antlr4::atn::ParserATNSimulator *(antlr::SgdParserBase::*)() const>);
static_assert(
    requires { SgdParser::finally([] {}); }, "a class member, found before antlrcpp's");
// (From a derived class, as the generated rules look it up: it is protected.)
struct ContextsFromTheArena : SgdParser {
  static_assert(std::is_same_v<decltype(_tracker), antlr::SgdParserBase::ContextArena>);
};

// The generated parser, whose ATN is deserialized only when something reads
// it (grammar/LazyParserAtn.cmake). Besides the prediction that falls back
// on the runtime (ThreadDfa) and the recovering stage (parseSlices), the
// generated rules read it in one place: a precedence predicate that fails
// where a rule checks it (`if (!(precpred(_ctx, 7))) throw
// FailedPredicateException(...)`) makes an exception whose constructor
// reads the parser's ATN state. Prediction never picks such an alternative
// (it evaluates the same predicates first), but should one fail, the ATN
// is there.
class LazyAtnParser final : public SgdParser {
public:
  using SgdParser::SgdParser;
  bool precpred(antlr4::RuleContext *context, int precedence) override {
    bool holds = SgdParser::precpred(context, precedence);
    if (!holds)
      initializeAtn();
    return holds;
  }
};

// Lexes and parses the given slices of the file as a list of items.
// Two-stage parse: SLL prediction with a bailing strategy is fast and right
// for almost every valid input; only when it fails is the text parsed again
// with full LL prediction and the recovering strategy, which reports errors.
// The first stage builds no parse tree (its terminal nodes and child lists
// were a quarter of the parse's instructions): the converter reads the rule
// contexts' labelled fields, which the parser fills either way. The second
// builds one, for the error strategy's messages.
std::vector<const ast::Item *> parseSlices(ParseState &state, llvm::ArrayRef<TextSlice> slices) {
  TokenBuffer tokens(state.fileText, slices);
  runLexicalPass(tokens, state);

  LazyAtnParser parser(&tokens);
  useThreadDfa(parser);
  parser.removeErrorListeners();
  auto *simulator = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setBuildParseTree(false);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  SgdParser::FileContext *tree = nullptr;
  try {
    tree = parser.file();
  } catch (const antlr4::ParseCancellationException &) {
    // The error strategy reads the ATN (the tokens that may come next), which
    // the first stage deserializes only if its predictions needed it.
    SgdParser::initializeAtn();
    tokens.seek(0);
    state.recovered = true;
    parser.reset();
    parser.setBuildParseTree(true);
    simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser.setErrorHandler(std::make_shared<SyntaxErrorStrategy>(state));
    tree = parser.file();
  }
  return convertItems(tree->items, state);
}

// How an item list is parsed: runs of small items as one piece each, large
// blocks as a header whose body is itself an item list. Planned first, so
// that all pieces can be parsed in parallel before the headers are joined.
struct ItemListPlan {
  struct Piece {
    TextSlice slice;
    // Filled by parsing the piece:
    std::vector<const ast::Item *> items;
    ast::WrittenStructures written;
    ast::AstContext context;
    DiagnosticEngine diagnostics;
  };
  struct SplitBlock {
    ItemSpan span;
    std::unique_ptr<ItemListPlan> body;
  };
  // In source order; each entry is a piece, a split block or an error.
  struct Entry {
    std::unique_ptr<Piece> piece;
    std::optional<SplitBlock> split;
    std::optional<ItemSpan> tooDeep;
    std::optional<ItemSpan> tooLarge;
  };
  std::vector<Entry> entries;
};

// One file's parse: planned when made; its pieces then parsed on any thread;
// then joined in source order by `finish`, which alone writes to the shared
// context and diagnostics.
class PiecewiseParser {
public:
  PiecewiseParser(FileId file, llvm::StringRef text, ast::AstContext &context,
                  DiagnosticEngine &diagnostics, uint32_t maxItemBytes)
      : file_(file), text_(text), context_(context), diagnostics_(diagnostics),
        maxItemBytes_(maxItemBytes), invalidUtf8_(findInvalidUtf8(text)) {
    if (invalidUtf8_)
      return;
    // A UTF-8 byte order mark is allowed and ignored; a second one is not.
    uint32_t start = text.startswith(kByteOrderMark) ? kByteOrderMark.size() : 0;
    plan_ = planItems(start, static_cast<uint32_t>(text.size()), 0);
    collectPieces(*plan_, pieces_);
  }

  llvm::ArrayRef<ItemListPlan::Piece *> pieces() const { return pieces_; }

  // Runs on any thread: touches only the piece and the shared, read-only text.
  void parsePiece(ItemListPlan::Piece &piece) const {
    ParseState state(file_, text_, piece.context, piece.diagnostics);
    piece.items = parseSlices(state, piece.slice);
    piece.written = state.written;
  }

  // Once every piece is parsed.
  const ast::File *finish() {
    if (invalidUtf8_) {
      auto offset = static_cast<uint32_t>(*invalidUtf8_);
      diagnostics_.report(
          DiagCode::E0001, {file_, offset, offset + 1},
          llvm::formatv("invalid UTF-8 at byte offset {0} (byte 0x{1}); SGD source "
                        "files must be UTF-8 encoded",
                        offset,
                        llvm::format("%02X", static_cast<unsigned char>(text_[offset])))
              .str());
      return context_.make<ast::File>(file_, llvm::ArrayRef<const ast::Item *>(),
                                      ast::WrittenStructures{});
    }
    ast::WrittenStructures written;
    std::vector<const ast::Item *> items = assemble(*plan_, written);
    return context_.make<ast::File>(file_, context_.copy(items), written);
  }

private:
  FileId file_;
  llvm::StringRef text_;
  ast::AstContext &context_;
  DiagnosticEngine &diagnostics_;
  // A larger item is an error (E0113), not gigabytes of tokens: a line of
  // ten million NUL bytes is one item.
  uint32_t maxItemBytes_;
  std::optional<size_t> invalidUtf8_; // nothing is parsed then (E0001)
  std::unique_ptr<ItemListPlan> plan_;
  std::vector<ItemListPlan::Piece *> pieces_;

  // Plans the items of text[begin, end), which lies `depth` levels deep.
  std::unique_ptr<ItemListPlan> planItems(uint32_t begin, uint32_t end, unsigned depth) {
    ScannedItems scanned = scanItemsAndBodies(text_, begin, end);
    return planSpans(scanned.items, &scanned, depth);
  }

  // Plans the items `spans`, `depth` levels deep. `scanned`: the scan that
  // found them, with their blocks' items, if it is this one's; a split
  // block's items are then planned from it, and only their own split blocks
  // are scanned again (each byte is read once for two levels).
  std::unique_ptr<ItemListPlan> planSpans(llvm::ArrayRef<ItemSpan> spans,
                                          const ScannedItems *scanned, unsigned depth) {
    auto plan = std::make_unique<ItemListPlan>();
    // The spans cover their text exactly, from the first one's begin.
    uint32_t pieceBegin = spans.empty() ? 0 : spans.front().begin;
    uint32_t pieceEnd = pieceBegin;
    auto flush = [&] {
      if (pieceEnd > pieceBegin) {
        auto piece = std::make_unique<ItemListPlan::Piece>();
        piece->slice = {pieceBegin, pieceEnd};
        piece->diagnostics.setLimit(diagnostics_.limit());
        plan->entries.push_back({std::move(piece), std::nullopt, std::nullopt, std::nullopt});
      }
      pieceBegin = pieceEnd;
    };
    for (size_t index = 0; index < spans.size(); ++index) {
      const ItemSpan &span = spans[index];
      if (depth + span.maxDepth > maxNestingDepth) {
        flush();
        plan->entries.push_back({nullptr, std::nullopt, span, std::nullopt});
        pieceBegin = pieceEnd = span.end;
        continue;
      }
      // A block is split when it is large, or larger than one item may be.
      bool splits = span.closeBrace != ItemSpan::noBrace &&
                    span.end - span.begin > std::min(pieceBytes, maxItemBytes_);
      // What one parse of this item reads: all of it, or a split block's
      // header and closing `}`.
      uint32_t parsedBytes = splits ? span.openBrace + 1 - span.begin + span.end - span.closeBrace
                                    : span.end - span.begin;
      if (parsedBytes > maxItemBytes_) {
        flush();
        plan->entries.push_back({nullptr, std::nullopt, std::nullopt, span});
        pieceBegin = pieceEnd = span.end;
        continue;
      }
      if (splits) {
        flush();
        std::unique_ptr<ItemListPlan> body =
            scanned ? planSpans(scanned->bodyOf(index), nullptr, depth + 1)
                    : planItems(span.openBrace + 1, span.closeBrace, depth + 1);
        plan->entries.push_back({nullptr, ItemListPlan::SplitBlock{span, std::move(body)},
                                 std::nullopt, std::nullopt});
        pieceBegin = pieceEnd = span.end;
        continue;
      }
      pieceEnd = span.end;
      if (pieceEnd - pieceBegin >= pieceBytes)
        flush();
    }
    flush();
    return plan;
  }

  static void collectPieces(ItemListPlan &plan, std::vector<ItemListPlan::Piece *> &pieces) {
    for (ItemListPlan::Entry &entry : plan.entries) {
      if (entry.piece)
        pieces.push_back(entry.piece.get());
      else if (entry.split)
        collectPieces(*entry.split->body, pieces);
    }
  }

  // Joins parsed pieces in source order; parses split blocks' headers, with
  // their bodies' items spliced in.
  // `written` counts the structure items made.
  std::vector<const ast::Item *> assemble(ItemListPlan &plan, ast::WrittenStructures &written) {
    std::vector<const ast::Item *> items;
    for (ItemListPlan::Entry &entry : plan.entries) {
      if (entry.piece) {
        items.insert(items.end(), entry.piece->items.begin(), entry.piece->items.end());
        written += entry.piece->written;
        context_.adopt(std::move(entry.piece->context));
        diagnostics_.append(std::move(entry.piece->diagnostics));
      } else if (entry.split) {
        const ItemSpan &span = entry.split->span;
        std::vector<const ast::Item *> body = assemble(*entry.split->body, written);
        TextSlice slices[] = {{span.begin, span.openBrace + 1},
                              {span.closeBrace, span.closeBrace + 1}};
        ParseState state(file_, text_, context_, diagnostics_);
        state.splice = BlockSplice{span.openBrace, context_.copy(body)};
        std::vector<const ast::Item *> header = parseSlices(state, slices);
        written += state.written;
        items.insert(items.end(), header.begin(), header.end());
      } else if (entry.tooDeep) {
        uint32_t at = entry.tooDeep->firstToken;
        diagnostics_
            .report(DiagCode::E0112, {file_, at, at + 1},
                    llvm::formatv("this item nests blocks, brackets or prefix operators (`-`, "
                                  "`not`, `if`, `=>`) more than {0} levels deep",
                                  maxNestingDepth)
                        .str())
            .note(kFixedNestingLimit.str());
      } else {
        const ItemSpan &span = *entry.tooLarge;
        uint32_t at = span.firstToken == ItemSpan::noBrace ? span.begin : span.firstToken;
        diagnostics_.report(
            DiagCode::E0113, {file_, at, at + 1},
            "this item is " + formatByteSize(span.end - span.begin) + " long; one item (a "
            "declaration or statement, the items of its block aside) may have at most " +
                formatByteSize(maxItemBytes_) +
                ": split it, or raise the limit with `--max-item-size`");
      }
    }
    return items;
  }
};

} // namespace

std::vector<const ast::File *> parseFiles(const SourceFiles &files, llvm::ArrayRef<FileId> ids,
                                          ast::AstContext &context, DiagnosticEngine &diagnostics,
                                          llvm::ThreadPool *pool, uint32_t maxItemBytes) {
  std::vector<std::unique_ptr<PiecewiseParser>> parsers;
  std::vector<std::pair<const PiecewiseParser *, ItemListPlan::Piece *>> work;
  for (FileId file : ids) {
    parsers.push_back(std::make_unique<PiecewiseParser>(file, files.text(file), context,
                                                        diagnostics, maxItemBytes));
    for (ItemListPlan::Piece *piece : parsers.back()->pieces())
      work.emplace_back(parsers.back().get(), piece);
  }
  // The pieces of all files in one batch, so that many small files keep the
  // threads as busy as one large one.
  if (pool && work.size() > 1) {
    for (auto [parser, piece] : work)
      pool->async([parser = parser, piece = piece] { parser->parsePiece(*piece); });
    pool->wait();
  } else {
    for (auto [parser, piece] : work)
      parser->parsePiece(*piece);
  }
  std::vector<const ast::File *> parsed;
  for (std::unique_ptr<PiecewiseParser> &parser : parsers)
    parsed.push_back(parser->finish());
  return parsed;
}

const ast::File *parseFile(const SourceFiles &files, FileId file, ast::AstContext &context,
                           DiagnosticEngine &diagnostics, llvm::ThreadPool *pool,
                           uint32_t maxItemBytes) {
  return parseFiles(files, file, context, diagnostics, pool, maxItemBytes).front();
}

} // namespace sgd::syntax
