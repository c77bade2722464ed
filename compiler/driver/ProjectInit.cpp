#include "driver/ProjectInit.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace sgd::driver {
namespace {

// The scaffold names its site and project `my_campus`; a new project takes
// the folder's name, made an SGD identifier (letters, digits, `_`).
constexpr llvm::StringLiteral placeholderName = "my_campus";

std::string identifierFor(llvm::StringRef folderName) {
  std::string name;
  for (char c : folderName)
    name += llvm::isAlnum(c) ? llvm::toLower(c) : '_';
  if (name.empty() || !llvm::isAlpha(name.front()))
    name = "campus_" + name;
  return name;
}

} // namespace

llvm::Expected<std::vector<std::string>> initProject(llvm::StringRef folder,
                                                     llvm::StringRef stdlibDir) {
  llvm::SmallString<256> absolute(folder);
  if (std::error_code error = llvm::sys::fs::make_absolute(absolute))
    return llvm::createFileError(folder, error);
  llvm::sys::path::remove_dots(absolute, true);
  std::string name = identifierFor(llvm::sys::path::filename(absolute));
  std::vector<std::pair<std::string, std::string>> files;
  // init/gitignore is stored without its dot, so that it shows in the
  // standard library like the other scaffold files.
  for (auto [scaffold, target] : {std::pair{"sgd.toml", "sgd.toml"},
                                  {"campus.sgd", "campus.sgd"},
                                  {"gitignore", ".gitignore"}}) {
    llvm::SmallString<256> source(stdlibDir);
    llvm::sys::path::append(source, "init", scaffold);
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> text =
        llvm::MemoryBuffer::getFile(source);
    if (!text)
      return llvm::createFileError(source, text.getError());
    std::string contents = (*text)->getBuffer().str();
    for (size_t at = contents.find(placeholderName.data()); at != std::string::npos;
         at = contents.find(placeholderName.data(), at + name.size()))
      contents.replace(at, placeholderName.size(), name);
    files.push_back({target, std::move(contents)});
  }
  for (const auto &[file, contents] : files) {
    llvm::SmallString<256> target(folder);
    llvm::sys::path::append(target, file);
    if (file != ".gitignore" && llvm::sys::fs::exists(target))
      return llvm::createStringError(std::errc::file_exists,
                                     "%s already exists; `sgdc init` does not overwrite a "
                                     "project",
                                     target.c_str());
  }
  if (std::error_code error = llvm::sys::fs::create_directories(folder))
    return llvm::createFileError(folder, error);
  std::vector<std::string> written;
  for (const auto &[file, contents] : files) {
    llvm::SmallString<256> target(folder);
    llvm::sys::path::append(target, file);
    if (file == ".gitignore" && llvm::sys::fs::exists(target))
      continue; // the user's own
    std::error_code error;
    llvm::raw_fd_ostream out(target, error, llvm::sys::fs::OF_Text);
    if (error)
      return llvm::createFileError(target, error);
    out << contents;
    out.close();
    if (out.has_error()) {
      std::error_code writeError = out.error();
      out.clear_error();
      return llvm::createFileError(target, writeError);
    }
    written.push_back(std::string(target));
  }
  return written;
}

} // namespace sgd::driver
