#include "sema/ModuleLoader.h"

#include "sema/StdlibCache.h"
#include "sema/Suggestion.h"
#include "syntax/Parser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace sgd::sema {
namespace {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

std::string normalized(llvm::StringRef text) {
  llvm::SmallString<256> result(text);
  path::remove_dots(result, /*remove_dot_dot=*/true);
  return std::string(result);
}

std::string absolute(llvm::StringRef text) {
  llvm::SmallString<256> result(text);
  fs::make_absolute(result);
  return normalized(result);
}

std::string realPath(llvm::StringRef text) {
  llvm::SmallString<256> result;
  if (fs::real_path(text, result))
    return absolute(text);
  return std::string(result);
}

// `inner` is `root` or lies below it (both absolute and normalized).
bool isInside(llvm::StringRef inner, llvm::StringRef root) {
  return inner == root ||
         (inner.startswith(root) && (root.endswith("/") || inner[root.size()] == '/'));
}


std::string joinedName(const ast::QualifiedName &name) {
  std::string text;
  for (const ast::Identifier &part : name.parts)
    text += (text.empty() ? "" : ".") + part.text().str();
  return text;
}

class ModuleLoader {
public:
  ModuleLoader(const ModuleSearch &search, SourceFiles &files, ast::AstContext &context,
               DiagnosticEngine &diagnostics, SourceReader *reader)
      : search_(search), files_(files), context_(context), diagnostics_(diagnostics),
        reader_(reader) {}

  ModuleGraph load(const std::vector<EntryFile> &entries) {
    for (const EntryFile &entry : entries) {
      std::string real = realPath(entry.path);
      if (byRealPath_.count(real))
        continue; // the same file given twice
      std::string folder = path::parent_path(absolute(entry.path)).str();
      addModule(real, {entry.file, entry.ast, entry.path, false, {}},
                Origin{projectRootFor(folder), folder, displayFolder(entry.path)});
    }
    graph_.entryCount = static_cast<unsigned>(graph_.modules.size());
    for (unsigned index = 0; index < graph_.modules.size(); ++index)
      resolveImports(index);
    reportCycles();
    return std::move(graph_);
  }

private:
  // Where a module's relative imports are resolved and how they are shown.
  struct Origin {
    std::string root;          // absolute, normalized: imports must stay inside
    std::string folder;        // the module's folder, absolute
    std::string displayFolder; // the same folder as diagnostics show it
  };

  const ModuleSearch &search_;
  SourceFiles &files_;
  ast::AstContext &context_;
  DiagnosticEngine &diagnostics_;
  SourceReader *reader_;
  ModuleGraph graph_;
  std::vector<Origin> origins_; // parallel to graph_.modules
  llvm::StringMap<unsigned> byRealPath_;

  static std::string displayFolder(llvm::StringRef shownPath) {
    return path::parent_path(shownPath).str();
  }

  unsigned addModule(const std::string &real, Module module, Origin origin) {
    auto index = static_cast<unsigned>(graph_.modules.size());
    byRealPath_[real] = index;
    graph_.modules.push_back(std::move(module));
    origins_.push_back(std::move(origin));
    return index;
  }

  void resolveImports(unsigned index) {
    // Copy what is needed: addModule below grows the vectors.
    const ast::File *file = graph_.modules[index].ast;
    Origin origin = origins_[index];
    reportNestedImports(file->items, /*topLevel=*/true);
    for (const ast::Item *item : file->items) {
      const auto *import = llvm::dyn_cast<ast::ImportItem>(item);
      if (!import)
        continue;
      std::optional<unsigned> target = import->isFile ? resolveFile(*import, origin)
                                                      : resolveStandard(*import);
      if (!target)
        continue;
      graph_.modules[index].imports.push_back({*target, import});
    }
  }

  // Imports belong at the top of a file; one in a block is reported, once.
  void reportNestedImports(llvm::ArrayRef<const ast::Item *> items, bool topLevel) {
    for (const ast::Item *item : items) {
      if (!topLevel && llvm::isa<ast::ImportItem>(item)) {
        diagnostics_.report(DiagCode::E0208, item->range,
                            "imports must be at the top level of a file, not inside a block");
        continue;
      }
      if (const ast::Block *body = ast::bodyOf(*item);
          body && (body->contents & ast::holdsKind(ast::ItemKind::Import)))
        reportNestedImports(body->items, false);
    }
  }

  std::optional<unsigned> resolveFile(const ast::ImportItem &import, const Origin &origin) {
    llvm::StringRef written = import.path;
    if (path::is_absolute(written)) {
      diagnostics_.report(DiagCode::E0203, import.pathRange,
                          "import paths are relative to the importing file; `" +
                              written.str() + "` is absolute");
      return std::nullopt;
    }
    std::string shown = normalized(
        origin.displayFolder.empty() ? written.str() : origin.displayFolder + "/" + written.str());
    std::string lexical = normalized(origin.folder + "/" + written.str());
    if (!isInside(lexical, origin.root)) {
      diagnostics_
          .report(DiagCode::E0203, import.pathRange,
                  "`" + written.str() + "` leaves the project root; imported files must "
                  "be inside the folder of the project")
          .note("the project root is the folder of the nearest `sgd.toml` above the entry "
                "file, or the entry file's folder when there is none");
      return std::nullopt;
    }
    if (!fs::exists(lexical)) {
      diagnostics_.report(DiagCode::E0202, import.pathRange,
                          "cannot find `" + written.str() + "` (looked for " + shown + ")");
      return std::nullopt;
    }
    if (fs::is_directory(lexical)) {
      diagnostics_.report(DiagCode::E0206, import.pathRange,
                          "`" + written.str() + "` is a folder; import a `.sgd` file");
      return std::nullopt;
    }
    std::string real = realPath(lexical);
    if (!isInside(real, realPath(origin.root))) {
      diagnostics_.report(DiagCode::E0204, import.pathRange,
                          "`" + written.str() +
                              "` is a link to a file outside the project root; copy the file "
                              "into the project instead");
      return std::nullopt;
    }
    return loadFile(import, real, lexical, shown, false, shown, origin.root);
  }

  std::optional<unsigned> resolveStandard(const ast::ImportItem &import) {
    std::string name = joinedName(import.module);
    if (import.module.parts.front().text() != "std") {
      std::string asPath = name;
      std::replace(asPath.begin(), asPath.end(), '.', '/');
      diagnostics_.report(DiagCode::E0207, import.module.range,
                          "`" + name + "` is not a standard module: module paths start with "
                          "`std.`; import a file of the project by its path, as in "
                          "`import \"" + asPath + ".sgd\";`");
      return std::nullopt;
    }
    if (!search_.stdlibDir || !fs::is_directory(*search_.stdlibDir)) {
      diagnostics_
          .report(DiagCode::E0201, import.module.range,
                  "cannot import `" + name + "`: the standard library was not found")
          .note("sgdc looks for it next to its binary; pass `--stdlib DIR` to name it");
      return std::nullopt;
    }
    llvm::SmallString<256> file(*search_.stdlibDir);
    for (const ast::Identifier &part : import.module.parts.drop_front())
      path::append(file, part.text());
    file += ".sgd";
    if (import.module.parts.size() < 2 || !fs::is_regular_file(file)) {
      Diagnostic &d = diagnostics_.report(DiagCode::E0201, import.module.range,
                                          "no standard module `" + name + "`");
      std::vector<std::string> modules = standardModuleNames(search_);
      if (std::optional<std::string> suggestion =
              closestName(name, std::vector<llvm::StringRef>(modules.begin(), modules.end())))
        d.note("did you mean `" + *suggestion + "`?");
      return std::nullopt;
    }
    llvm::SmallString<256> relative;
    for (const ast::Identifier &part : import.module.parts.drop_front())
      path::append(relative, path::Style::posix, part.text());
    relative += ".sgd";
    std::string shown = "<stdlib>/" + relative.str().str();
    std::string real = realPath(file);
    if (search_.cache && !byRealPath_.count(real))
      if (const StdlibCache::File *cached = search_.cache->find(relative))
        return addModule(real, {cached->file, cached->ast, name, true, {}},
                         Origin{realPath(*search_.stdlibDir),
                                path::parent_path(absolute(file)).str(), displayFolder(shown)});
    return loadFile(import, real, absolute(file), shown, true, name,
                    realPath(*search_.stdlibDir));
  }

  std::optional<unsigned> loadFile(const ast::ImportItem &import, const std::string &real,
                                   const std::string &lexical, const std::string &shown,
                                   bool isStandard, const std::string &moduleName,
                                   const std::string &root) {
    if (auto known = byRealPath_.find(real); known != byRealPath_.end())
      return known->second;
    llvm::Expected<ParsedSource> parsed = readSource(reader_, files_, context_, real, shown,
                                                     diagnostics_, search_.maxInputBytes,
                                                     search_.maxItemBytes, search_.pool);
    if (!parsed) {
      // The message names the file and says why: missing, a FIFO, too large.
      llvm::handleAllErrors(
          parsed.takeError(),
          [&](const InputFileError &input) {
            diagnostics_.report(input.problem == InputFileProblem::TooLarge ? DiagCode::E0003
                                                                            : DiagCode::E0206,
                                import.range, input.message);
          },
          [&](const llvm::ErrorInfoBase &other) {
            diagnostics_.report(DiagCode::E0206, import.range,
                                "cannot read `" + shown + "`: " + other.message());
          });
      return std::nullopt;
    }
    return addModule(real, {parsed->file, parsed->ast, moduleName, isStandard, {}},
                     Origin{root, path::parent_path(lexical).str(), displayFolder(shown)});
  }

  // Depth-first search from every module; an edge back to a module on the
  // stack closes a cycle, reported once at that import with the whole path.
  void reportCycles() {
    enum class Mark : uint8_t { New, OnStack, Done };
    std::vector<Mark> marks(graph_.modules.size(), Mark::New);
    std::vector<std::pair<unsigned, unsigned>> stack; // module, next import
    for (unsigned start = 0; start < graph_.modules.size(); ++start) {
      if (marks[start] != Mark::New)
        continue;
      stack.push_back({start, 0});
      marks[start] = Mark::OnStack;
      while (!stack.empty()) {
        auto &[module, next] = stack.back();
        if (next == graph_.modules[module].imports.size()) {
          marks[module] = Mark::Done;
          stack.pop_back();
          continue;
        }
        unsigned importIndex = next++;
        unsigned target = graph_.modules[module].imports[importIndex].module;
        if (marks[target] == Mark::New) {
          marks[target] = Mark::OnStack;
          stack.push_back({target, 0});
        } else if (marks[target] == Mark::OnStack) {
          reportCycle(stack, module, importIndex, target);
        }
      }
    }
  }

  void reportCycle(const std::vector<std::pair<unsigned, unsigned>> &stack, unsigned from,
                   unsigned importIndex, unsigned target) {
    auto first = llvm::find_if(stack, [&](const auto &frame) { return frame.first == target; });
    std::string cycle;
    for (auto frame = first; frame != stack.end(); ++frame)
      cycle += graph_.modules[frame->first].name + " → ";
    cycle += graph_.modules[target].name;
    const ast::ImportItem *closing = graph_.modules[from].imports[importIndex].item;
    Diagnostic &d =
        diagnostics_.report(DiagCode::E0205, closing->range, "import cycle: " + cycle);
    for (auto frame = first; frame + 1 != stack.end(); ++frame)
      d.note(graph_.modules[frame->first].imports[frame->second - 1].item->range,
             graph_.modules[frame->first].name + " imports " +
                 graph_.modules[(frame + 1)->first].name + " here");
  }
};

} // namespace

std::string projectRootFor(llvm::StringRef folder) {
  for (llvm::SmallString<256> candidate(folder); !candidate.empty();) {
    llvm::SmallString<256> manifest(candidate);
    path::append(manifest, "sgd.toml");
    if (fs::is_regular_file(manifest))
      return std::string(candidate);
    // A copy: assigning a SmallString a reference into itself is undefined
    // (LLVM asserts it in builds with assertions).
    std::string parent = path::parent_path(candidate).str();
    if (parent == candidate)
      break;
    candidate = parent;
  }
  return std::string(folder);
}

std::vector<std::string> standardModuleNames(const ModuleSearch &search) {
  std::vector<std::string> names;
  if (!search.stdlibDir)
    return names;
  std::error_code error;
  for (fs::recursive_directory_iterator it(*search.stdlibDir, error), end;
       it != end && !error; it.increment(error)) {
    llvm::StringRef file = it->path();
    if (!file.endswith(".sgd"))
      continue;
    std::string name = "std" + file.drop_front(search.stdlibDir->size()).drop_back(4).str();
    std::replace(name.begin(), name.end(), '/', '.');
    names.push_back(name);
  }
  llvm::sort(names);
  return names;
}

llvm::Expected<ParsedSource> readSource(SourceReader *reader, SourceFiles &files,
                                        ast::AstContext &context, const std::string &path,
                                        const std::string &shownName,
                                        DiagnosticEngine &diagnostics, uint64_t maxInputBytes,
                                        uint32_t maxItemBytes, llvm::ThreadPool *pool) {
  if (reader)
    return reader->read(path, shownName, diagnostics);
  llvm::Expected<FileId> file = files.addFile(path, shownName, maxInputBytes);
  if (!file)
    return file.takeError();
  return ParsedSource{*file,
                      syntax::parseFile(files, *file, context, diagnostics, pool, maxItemBytes)};
}

ModuleGraph loadModules(const std::vector<EntryFile> &entries, const ModuleSearch &search,
                        SourceFiles &files, ast::AstContext &context,
                        DiagnosticEngine &diagnostics, SourceReader *reader) {
  return ModuleLoader(search, files, context, diagnostics, reader).load(entries);
}

} // namespace sgd::sema
