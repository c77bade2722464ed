#ifndef SGD_DRIVER_FORMATCOMMAND_H
#define SGD_DRIVER_FORMATCOMMAND_H

#include <string>
#include <vector>

namespace sgd::driver {

/// What `sgdc fmt` takes.
struct FormatFlags {
  /// Files to format; `-` is standard input, formatted to standard output.
  /// None: the project of ./sgd.toml, its entries and the files they import.
  std::vector<std::string> paths;
  bool check = false; // list the files that are not formatted; write nothing
  bool diff = false;  // print what would change as a unified diff; write nothing
  bool color = false; // syntax errors in color
};

/// `sgdc fmt`: rewrites each file in the canonical layout (atomically, and
/// only when it changes). A file with syntax errors is reported and left as
/// it is. Exit status: 0; 1 when a file has syntax errors or, with
/// `--check`, is not formatted; 2 when a file cannot be read or written.
int runFormat(FormatFlags flags);

} // namespace sgd::driver

#endif
