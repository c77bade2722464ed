#include "sema/StdlibCache.h"

#include "diagnostics/DiagnosticEngine.h"
#include "syntax/Parser.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cassert>

namespace sgd::sema {

StdlibCache::StdlibCache(llvm::StringRef stdlibDir) {
  std::vector<std::string> relatives;
  std::error_code error;
  for (llvm::sys::fs::recursive_directory_iterator it(stdlibDir, error), end;
       it != end && !error; it.increment(error)) {
    llvm::StringRef path = it->path();
    if (path.endswith(".sgd"))
      relatives.push_back(path.drop_front(stdlibDir.size()).ltrim('/').str());
  }
  std::sort(relatives.begin(), relatives.end());
  for (const std::string &relative : relatives) {
    llvm::SmallString<256> path(stdlibDir);
    llvm::sys::path::append(path, relative);
    llvm::Expected<FileId> file = files_.addFile(path, "<stdlib>/" + relative);
    if (!file) {
      llvm::consumeError(file.takeError());
      continue;
    }
    DiagnosticEngine diagnostics;
    const ast::File *ast = syntax::parseFile(files_, *file, context_, diagnostics);
    if (diagnostics.sorted().empty())
      byPath_[relative] = File{*file, ast};
  }
  catalog_.emplace(*this, stdlibDir);
}

void StdlibCache::registerInto(SourceFiles &files) const {
  assert(files.fileCount() == 0 && "the standard library's files come first");
  for (uint32_t index = 0; index < files_.fileCount(); ++index)
    files.addShared(files_, FileId{index});
}

const StdlibCache::File *StdlibCache::find(llvm::StringRef relative) const {
  auto found = byPath_.find(relative);
  return found == byPath_.end() ? nullptr : &found->second;
}

} // namespace sgd::sema
