#include "ast/AstDump.h"
#include "syntax/Parser.h"

#include "llvm/Support/Casting.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <catch2/catch.hpp>

using namespace sgd;

namespace {

// Parses `text` as a file named t.sgd and keeps everything alive for checks.
struct Parsed {
  SourceFiles files;
  ast::AstContext context;
  DiagnosticEngine diagnostics;
  const ast::File *file = nullptr;

  explicit Parsed(llvm::StringRef text) {
    FileId id = files.addBuffer("t.sgd", text);
    file = syntax::parseFile(files, id, context, diagnostics);
  }

  llvm::StringRef textOf(SourceRange range) const {
    return files.text(range.file).slice(range.begin, range.end);
  }

  std::vector<std::string> codes() const {
    std::vector<std::string> result;
    for (const Diagnostic *d : diagnostics.sorted())
      result.push_back(d->id().str());
    return result;
  }
};

// What `parse` (given a pool or null) returns on the calling thread, once
// it has checked that pools of 2 and 8 threads return the same.
template <typename Parse> std::string sameOnAnyPool(Parse parse) {
  std::string sequential = parse(nullptr);
  llvm::ThreadPool two(llvm::hardware_concurrency(2));
  llvm::ThreadPool eight(llvm::hardware_concurrency(8));
  CHECK(parse(&two) == sequential);
  CHECK(parse(&eight) == sequential);
  return sequential;
}

// `site NAME {` and `racks` rack lines, one per line, the block left open:
// text a test makes larger than a piece, and ends as it needs.
std::string siteOfRacks(const std::string &name, int racks) {
  std::string text = "site " + name + " {\n";
  for (int k = 1; k <= racks; ++k)
    text += "  rack k" + std::to_string(k) + " : nvidia.gb200_nvl72;\n";
  return text;
}

} // namespace

TEST_CASE("item and expression ranges are exact bytes after non-ASCII text", "[parser]") {
  Parsed parsed("site zürich { name = \"東京\"; tier = 3 kW; }");
  REQUIRE(parsed.diagnostics.sorted().empty());
  REQUIRE(parsed.file->items.size() == 1);
  const auto *site = llvm::cast<ast::StructureItem>(parsed.file->items[0]);
  CHECK(site->level == ast::StructureLevel::Site);
  CHECK(site->name.text() == "zürich");
  CHECK(parsed.textOf(site->name.range) == "zürich");
  REQUIRE(site->body);
  REQUIRE(site->body->items.size() == 2);
  const auto *name = llvm::cast<ast::AttributeItem>(site->body->items[0]);
  CHECK(parsed.textOf(name->range) == "name = \"東京\";");
  CHECK(llvm::cast<ast::StringExpr>(name->value)->value == "東京");
  const auto *tier = llvm::cast<ast::AttributeItem>(site->body->items[1]);
  const auto *number = llvm::cast<ast::NumberExpr>(tier->value);
  CHECK(number->spelling == "3");
  CHECK(number->unit == "kW");
  CHECK(parsed.textOf(number->unitRange) == "kW");
  CHECK(parsed.textOf(tier->value->range) == "3 kW");
}

TEST_CASE("units attach only on the same line and compound only without spaces", "[parser]") {
  Parsed parsed("const a = 1500 kg/m2;\nconst b = 10 kW / n;\nconst c = 4\n;\n");
  REQUIRE(parsed.diagnostics.sorted().empty());
  REQUIRE(parsed.file->items.size() == 3);
  auto valueOf = [&](size_t i) { return llvm::cast<ast::ConstItem>(parsed.file->items[i])->value; };
  CHECK(llvm::cast<ast::NumberExpr>(valueOf(0))->unit == "kg/m2");
  const auto *division = llvm::cast<ast::BinaryExpr>(valueOf(1));
  CHECK(division->op == ast::BinaryOp::Divide);
  CHECK(llvm::cast<ast::NumberExpr>(division->lhs)->unit == "kW");
  CHECK(llvm::cast<ast::NumberExpr>(valueOf(2))->unit.empty());
}

TEST_CASE("redundancy forms convert to factor and spare", "[parser]") {
  Parsed parsed("hall h { ups a.b * auto redundancy N; ups a.b * 2 redundancy N+2;"
                " ups a.b * auto redundancy 2N; ups a.b * auto redundancy 2(N+1); }");
  REQUIRE(parsed.diagnostics.sorted().empty());
  const auto *hall = llvm::cast<ast::StructureItem>(parsed.file->items[0]);
  std::vector<std::pair<unsigned, unsigned>> forms;
  for (const ast::Item *item : hall->body->items) {
    const auto *equipment = llvm::cast<ast::EquipmentItem>(item);
    REQUIRE(equipment->redundancy);
    forms.emplace_back(equipment->redundancy->factor, equipment->redundancy->spare);
  }
  CHECK(forms == std::vector<std::pair<unsigned, unsigned>>{{1, 0}, {1, 2}, {2, 0}, {2, 1}});
  const auto *counted = llvm::cast<ast::EquipmentItem>(hall->body->items[1]);
  REQUIRE(counted->count);
  CHECK_FALSE(counted->count->isAuto);
  CHECK(llvm::cast<ast::NumberExpr>(counted->count->count)->spelling == "2");
}

TEST_CASE("three independent syntax errors give three diagnostics", "[parser][errors]") {
  Parsed parsed("site s {\n  tier = 3\n  pue = ;\n  building b[1..8 {\n    zone = z;\n  }\n}\n");
  CHECK(parsed.codes() == std::vector<std::string>{"E0101", "E0109", "E0101"});
  // Recovery keeps the items around the errors.
  REQUIRE(parsed.file->items.size() == 1);
  const auto *site = llvm::cast<ast::StructureItem>(parsed.file->items[0]);
  REQUIRE(site->body);
  CHECK(site->body->items.size() >= 1);
}

TEST_CASE("invalid UTF-8 is a diagnostic with the byte offset, not a crash", "[parser][errors]") {
  Parsed parsed(llvm::StringRef("a = 1;\n\xC3\x28 = 2;\n", 14));
  REQUIRE(parsed.codes() == std::vector<std::string>{"E0001"});
  const Diagnostic *d = parsed.diagnostics.sorted().front();
  CHECK(d->range.begin == 7);
  CHECK(d->message == "invalid UTF-8 at byte offset 7 (byte 0xC3); SGD source files must be "
                      "UTF-8 encoded");
  CHECK(parsed.file->items.empty());
}

TEST_CASE("a U+FEFF after the byte order mark is a character SGD does not use", "[parser][errors]") {
  // The first U+FEFF is the byte order mark; the second begins the text. The
  // ANTLR input stream used to drop it unreported and count every position
  // after it one code point short.
  Parsed parsed("\xEF\xBB\xBF\xEF\xBB\xBF""const a = 1;\nconst b = ;\n");
  REQUIRE(parsed.codes() == std::vector<std::string>{"E0105", "E0109"});
  std::vector<const Diagnostic *> sorted = parsed.diagnostics.sorted();
  CHECK(sorted[0]->range.begin == 3);
  CHECK(sorted[0]->range.end == 6);
  // Positions after it are right: the `;` after `const b = ` (6 + 13 + 10).
  CHECK(sorted[1]->range.begin == 29);
  CHECK(sorted[1]->message == "expected a value after `=`, found `;`");
}

TEST_CASE("empty and comment-only files parse to no items", "[parser]") {
  for (llvm::StringRef text : {"", "// just a comment", "/* block */\n\n", "\xEF\xBB\xBF"}) {
    Parsed parsed(text);
    CHECK(parsed.diagnostics.sorted().empty());
    CHECK(parsed.file->items.empty());
  }
}

TEST_CASE("string escapes are resolved", "[parser]") {
  Parsed parsed(R"(const s = "a\"b\\c\nd\t\u{2116}";)");
  REQUIRE(parsed.diagnostics.sorted().empty());
  const auto *value = llvm::cast<ast::StringExpr>(
      llvm::cast<ast::ConstItem>(parsed.file->items[0])->value);
  CHECK(value->value == "a\"b\\c\nd\t\xE2\x84\x96");
}

TEST_CASE("deep nesting is an error, not a stack overflow", "[parser][errors]") {
  std::string text = "const x = " + std::string(2000, '(') + "1" + std::string(2000, ')') + ";";
  Parsed parsed(text);
  CHECK(parsed.codes() == std::vector<std::string>{"E0112"});
  CHECK(parsed.file->items.empty());
}

TEST_CASE("the AST dump is the same for the same input", "[parser][dump]") {
  const char *text = "site s { building b[1..2] { hall h = t(racks = 4) { zone = z; } } }";
  std::string first, second;
  {
    Parsed parsed(text);
    llvm::raw_string_ostream os(first);
    ast::dumpAst(os, parsed.files, *parsed.file);
  }
  {
    Parsed parsed(text);
    llvm::raw_string_ostream os(second);
    ast::dumpAst(os, parsed.files, *parsed.file);
  }
  CHECK(first == second);
  CHECK(llvm::StringRef(first).startswith("file t.sgd\n  site s @1:1-1:68\n"));
}

TEST_CASE("a large file parses the same in pieces, on any number of threads", "[parser][pieces]") {
  // About 400 KB: a site block bigger than one piece, so it is split into
  // its header and its items, and those into several pieces.
  std::string text = "// generated\nconst n = 12;\nsite big {\n  tier = 3;\n";
  for (int b = 1; b <= 40; ++b) {
    text += "  building b" + std::to_string(b) + " {\n    hall h1 { area = 4000 m2;\n";
    for (int r = 1; r <= 20; ++r) {
      text += "      row r" + std::to_string(r) + " {\n";
      for (int k = 1; k <= 12; ++k)
        text += "        rack k" + std::to_string(k) + " : nvidia.gb200_nvl72; // \"}\" {\n";
      text += "      }\n";
    }
    text += "    }\n  }\n";
  }
  text += "}\nconst after = \"東京\";\n";
  REQUIRE(text.size() > 300 * 1024);

  auto dump = [&](llvm::ThreadPool *pool) {
    SourceFiles files;
    FileId id = files.addBuffer("big.sgd", text);
    ast::AstContext context;
    DiagnosticEngine diagnostics;
    const ast::File *file = syntax::parseFile(files, id, context, diagnostics, pool);
    CHECK(diagnostics.sorted().empty());
    std::string out;
    llvm::raw_string_ostream os(out);
    ast::dumpAst(os, files, *file);
    return os.str();
  };
  std::string sequential = sameOnAnyPool(dump);
  // 40 buildings × 20 rows × 12 racks, each on a line of its own.
  CHECK(llvm::StringRef(sequential).count("\n          rack k") == 40 * 20 * 12);
  CHECK(llvm::StringRef(sequential).endswith("  const after @11366:1-11366:20\n    string \"東京\" @11366:15-11366:19\n"));
}

TEST_CASE("several files parse as one batch of pieces, the same on any number of threads",
          "[parser][pieces]") {
  // Twelve small files (one piece each, so only a batch across files gives a
  // second thread work), two of them with syntax errors, one with invalid
  // UTF-8, and one large file split into pieces.
  std::vector<std::pair<std::string, std::string>> texts;
  for (int f = 1; f <= 12; ++f) {
    std::string text = siteOfRacks("s" + std::to_string(f), 200);
    if (f == 4)
      text += "  rack broken : ;\n";
    if (f == 9)
      text += "  tier = 3\n";
    if (f == 7)
      text += "  name = \"\xff\";\n";
    texts.emplace_back("f" + std::to_string(f) + ".sgd", text + "}\n");
  }
  std::string large = siteOfRacks("large", 4000);
  texts.emplace_back("large.sgd", large + "  rack late : ;\n}\n");

  // With a limit, the diagnostics kept are the first reported.
  auto parse = [&](llvm::ThreadPool *pool, unsigned limit = 0) {
    SourceFiles files;
    std::vector<FileId> ids;
    for (const auto &[name, text] : texts)
      ids.push_back(files.addBuffer(name, text));
    ast::AstContext context;
    DiagnosticEngine diagnostics;
    diagnostics.setLimit(limit);
    std::vector<const ast::File *> parsed = syntax::parseFiles(files, ids, context, diagnostics, pool);
    REQUIRE(parsed.size() == texts.size());
    std::string out;
    llvm::raw_string_ostream os(out);
    for (size_t f = 0; f < parsed.size(); ++f) {
      CHECK(parsed[f]->id == ids[f]);
      ast::dumpAst(os, files, *parsed[f]);
    }
    for (const Diagnostic *d : diagnostics.sorted())
      os << files.displayName(d->range.file) << ":" << d->range.begin << " " << d->id() << "\n";
    return os.str();
  };
  std::string sequential = sameOnAnyPool([&](llvm::ThreadPool *pool) { return parse(pool); });
  // f4's `rack broken : ;` lies after `site s4 {` and its newline (10 bytes)
  // and 200 rack lines of "  rack kN : nvidia.gb200_nvl72;\n", 31 bytes and
  // N's digits: 10 + 9*32 + 90*33 + 101*34 = 10 + 288 + 2970 + 3434 = 6702;
  // the missing type is at the `;`, 16 bytes on: 6718.
  CHECK(llvm::StringRef(sequential).contains("f4.sgd:6718 E0109\n"));
  // f7: the 0xFF after `  name = "`: 6702 + 10 = 6712 (invalid UTF-8 is
  // E0001, and the file has no items then).
  CHECK(llvm::StringRef(sequential).contains("f7.sgd:6712 E0001\n"));
  CHECK(llvm::StringRef(sequential).contains("f9.sgd:"));
  CHECK(llvm::StringRef(sequential).contains("large.sgd:"));
  // Reported file by file in the order given, whichever thread finished
  // first: a limit of two keeps f4's and f7's.
  llvm::ThreadPool eight(llvm::hardware_concurrency(8));
  std::string firstTwo = parse(&eight, 2);
  CHECK(llvm::StringRef(firstTwo).contains("f4.sgd:6718 E0109\n"));
  CHECK(llvm::StringRef(firstTwo).contains("f7.sgd:6712 E0001\n"));
  CHECK(!llvm::StringRef(firstTwo).contains("f9.sgd:"));
  CHECK(!llvm::StringRef(firstTwo).contains("large.sgd:"));
}

TEST_CASE("an error deep in a split block is reported at its place", "[parser][pieces]") {
  std::string text = siteOfRacks("big", 3000) + "  rack broken : ;\n  tier = 3\n}\n";
  Parsed parsed(text);
  REQUIRE(parsed.codes() == std::vector<std::string>{"E0109", "E0101"});
  LineColumn first = parsed.files.lineColumn(parsed.diagnostics.sorted()[0]->range.file,
                                             parsed.diagnostics.sorted()[0]->range.begin);
  CHECK(first.line == 3002);
  CHECK(first.column == 17);
  const auto *site = llvm::cast<ast::StructureItem>(parsed.file->items[0]);
  CHECK(site->body->items.size() == 3001); // the racks and `tier`; not the broken one
}

TEST_CASE("a block knows what it holds, so walks for other items pass it by", "[parser]") {
  Parsed parsed("site s {\n"
                "  zone campus { class = 2; }\n"
                "  building b[1..2] {\n"
                "    zone = campus;\n"
                "    hall h = hall_template(racks = 4) {\n"
                "      row r1 {\n"
                "        pdu power.rpp_400a * auto;\n"
                "        rack k1 : nvidia.gb200_nvl72;\n"
                "      }\n"
                "    }\n"
                "  }\n"
                "}\n");
  REQUIRE(parsed.codes().empty());
  using namespace ast;
  auto bodyAt = [](const Item *item) { return *bodyOf(*item); };
  const Block site = bodyAt(parsed.file->items[0]);
  const Block building = bodyAt(site.items[1]);
  const Block hall = bodyAt(building.items[1]);
  const Block row = bodyAt(hall.items[0]);
  // The row: a rack (a structure) and an equipment line, nothing else.
  CHECK(row.contents == (holdsKind(ItemKind::Structure) | holdsKind(ItemKind::Equipment)));
  // The hall holds the row and what the row holds; its own instantiation is
  // the building's to hold.
  CHECK(hall.contents == row.contents);
  CHECK(building.contents == (holdsKind(ItemKind::Attribute) | holdsKind(ItemKind::Structure) |
                              holdsKind(ItemKind::Equipment) | kHoldsInstantiation));
  // The site: the zone with its attribute, and the replicated building.
  CHECK(site.contents == (building.contents | holdsKind(ItemKind::Zone) | kHoldsReplication));
  CHECK_FALSE(site.contents & holdsKind(ItemKind::Import));

  // A walk for zones enters the site, but not the zone's body (an
  // attribute) nor the building's.
  std::vector<ItemKind> seen;
  forEachItemIn(holdsKind(ItemKind::Zone), parsed.file->items,
                [&](const Item &item) { seen.push_back(item.kind); });
  CHECK(seen == std::vector<ItemKind>{ItemKind::Structure, ItemKind::Zone, ItemKind::Structure});
}

TEST_CASE("a block joined from separately parsed pieces may hold anything", "[parser][pieces]") {
  // Over one piece (64 KB): the site's body is parsed apart and joined.
  std::string text = siteOfRacks("big", 3000) + "}\n";
  Parsed parsed(text);
  REQUIRE(parsed.codes().empty());
  const auto *site = llvm::cast<ast::StructureItem>(parsed.file->items[0]);
  CHECK(site->body->contents == ast::kHoldsAnything);
}

TEST_CASE("a file counts the structure items it writes, split blocks and errors included",
          "[parser]") {
  // 3,000 rack lines (about 110 KB) make `big` a block split into pieces;
  // a building with a hall range and a row of 2 lines follows in it, then
  // a site whose broken rack line is left out of the syntax, and a
  // template whose row counts as written.
  std::string text = siteOfRacks("big", 3000) +
                     "  building b { hall h[1..4] { row r { rack k[1..8] : x; rack n : y; } } }\n"
                     "}\n"
                     "site small { rack ok : x; rack broken : ; }\n"
                     "template t(kind: rack_type) { row r { rack k : kind; } }\n";
  Parsed parsed(text);
  CHECK(parsed.codes() == std::vector<std::string>{"E0109"});
  // Racks: 3,000 + k, n + ok + the template's k; structures: big, b, h, r,
  // small, the template's r.
  CHECK(parsed.file->written.racks == 3004);
  CHECK(parsed.file->written.structures == 6);
}
