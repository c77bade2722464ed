// Fuzz target: the front end alone (UTF-8 check, item scan, pieces, the
// hand-written lexer feeding ANTLR's parser, the lexical pass, the error
// strategy, the converter), then the AST dump and the text renderer over
// what it reported.
#include "FuzzSupport.h"

#include "ast/AstDump.h"
#include "diagnostics/TextRenderer.h"
#include "syntax/Parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace sgd;
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  SourceFiles files;
  FileId file = files.addBuffer("fuzz.sgd", text);
  ast::AstContext context;
  DiagnosticEngine diagnostics;
  const ast::File *ast = syntax::parseFile(files, file, context, diagnostics);
  fuzz::checkRanges(files, diagnostics);
  std::string dump, printed;
  llvm::raw_string_ostream dumpStream(dump), printedStream(printed);
  ast::dumpAst(dumpStream, files, *ast);
  renderText(printedStream, files, diagnostics.sorted(), TextRenderOptions{});
  fuzz::checkFailureExplained(diagnostics.hasErrors() ? 1 : 0, printedStream.str());
  return 0;
}
