#include "backends/OciPlan.h"

#include "model/Expansion.h"
#include "model/NodeScope.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

#include <algorithm>
#include <map>
#include <set>

namespace sgd::backends::oci {
namespace {

using model::Design;
using model::Level;
using model::NoIndex;

// 10.0.0.0/8 holds 256 blocks of /16, the largest CIDR block a VCN takes.
constexpr uint64_t blocks16 = 256;
constexpr uint32_t tenSlash8 = 10u << 24;
constexpr uint64_t smallSubnet = 256; // /24: storage, management, and the minimum
constexpr uint64_t reservedPerSubnet = 3; // OCI keeps the first two and the last address

// What a rack type's `oci { }` block says, once per catalog entry.
struct RackTypeOci {
  bool present = false;
  std::string shape;
  uint64_t nodes = 0;
  bool memoryFabric = false;
  SourceRange nodesRange;
};


uint64_t wholeNumber(const units::Quantity &quantity) {
  auto numerator = quantity.value.numerator();
  auto denominator = quantity.value.denominator();
  if (numerator <= 0 || denominator <= 0)
    return 0;
  return static_cast<uint64_t>(numerator / denominator);
}

// A Terraform identifier: letters, digits and `_`, not starting with a digit.
// Other bytes (UTF-8 of non-ASCII letters too) become `_`.
std::string identifier(llvm::StringRef text) {
  std::string name;
  name.reserve(text.size());
  for (char c : text)
    name += llvm::isAlnum(c) || c == '_' ? c : '_';
  if (name.empty() || llvm::isDigit(name.front()))
    name.insert(name.begin(), '_');
  return name;
}

// Hands out names that are unique among those it has given.
class NameRegistry {
public:
  std::string unique(std::string candidate) {
    if (used_.insert(candidate).second)
      return candidate;
    for (unsigned suffix = 2;; ++suffix) {
      std::string next = candidate + "_" + std::to_string(suffix);
      if (used_.insert(next).second)
        return next;
    }
  }
  bool take(const std::string &name) { return used_.insert(name).second; }

private:
  std::set<std::string> used_;
};

// The names from below `ancestor` down to `node`, joined by `.`; empty when
// they are the same replica.
std::string relativePath(const Design &design, Replica ancestor, Replica node) {
  llvm::SmallVector<std::string, 8> names;
  for (Replica at = node; at.node != NoIndex && at != ancestor; at = design.parentOf(at))
    names.push_back(design.nameOf(at));
  std::string path;
  for (auto name = names.rbegin(); name != names.rend(); ++name) {
    if (!path.empty())
      path += '.';
    path += *name;
  }
  return path;
}

uint64_t powerOfTwoAtLeast(uint64_t value) {
  uint64_t size = 1;
  while (size < value)
    size <<= 1;
  return size;
}

unsigned prefixOf(uint64_t size) {
  unsigned bits = 0;
  while ((uint64_t{1} << bits) < size)
    ++bits;
  return 32 - bits;
}

bool isLowerAscii(char c) { return c >= 'a' && c <= 'z'; }

// `us-ashburn-1`: lowercase words and numbers joined by hyphens.
bool isRegionIdentifier(llvm::StringRef region) {
  if (region.empty() || !isLowerAscii(region.front()) || region.back() == '-' ||
      !region.contains('-') || region.contains("--"))
    return false;
  return llvm::all_of(region, [](char c) { return isLowerAscii(c) || llvm::isDigit(c) || c == '-'; });
}

// Compartment names: 1 to 100 letters, digits, periods, hyphens, underscores.
bool isCompartmentName(llvm::StringRef name) {
  return !name.empty() && name.size() <= 100 &&
         llvm::all_of(name, [](char c) { return llvm::isAlnum(c) || c == '.' || c == '-' || c == '_'; });
}

// `ocid1.compartment.oc1..aaaa…` (or the tenancy, the root compartment).
bool isCompartmentOcid(llvm::StringRef ocid) {
  if (!ocid.startswith("ocid1.compartment.") && !ocid.startswith("ocid1.tenancy."))
    return false;
  llvm::SmallVector<llvm::StringRef, 6> parts;
  ocid.split(parts, '.');
  return parts.size() >= 5 && !parts.back().empty() &&
         llvm::all_of(ocid, [](char c) { return isLowerAscii(c) || llvm::isDigit(c) || c == '.' || c == '-'; });
}

std::string compartmentNameFor(llvm::StringRef site) {
  std::string name;
  for (char c : site)
    name += llvm::isAlnum(c) || c == '.' || c == '-' || c == '_' ? c : '_';
  return name.substr(0, 100);
}

// A DNS label of a VCN: at most 15 letters and digits, starting with a letter.
std::string dnsLabelFor(llvm::StringRef path) {
  std::string label;
  for (char c : path)
    if (llvm::isAlnum(c))
      label += llvm::toLower(c);
  if (label.empty() || !isLowerAscii(label.front()))
    label.insert(label.begin(), 'v');
  return label.substr(0, 15);
}

size_t editDistance(llvm::StringRef a, llvm::StringRef b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closestRegion(llvm::StringRef region,
                                         const std::vector<std::string> &regions) {
  std::optional<std::string> best;
  size_t bestDistance = std::max<size_t>(2, region.size() / 3) + 1;
  for (const std::string &candidate : regions) {
    size_t distance = editDistance(region, candidate);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

// The rack runs of `group` in `hall`, each with the replica of its node it is
// in (`r2` of `r[1..20]`), in design order.
void forEachRunOf(const Design &design, const Hall &hall, const RackGroup &group,
                  llvm::function_ref<void(const model::RackRun &, Replica)> visit) {
  model::forEachElementReplica(
      design, hall.node, group.runs.size(),
      [&](size_t i) { return design.rackRuns[group.runs[i]].parent; },
      [&](size_t i, Replica parent) { visit(design.rackRuns[group.runs[i]], parent); });
}

std::string hashPlan(const Design &design, const Plan &plan) {
  llvm::SHA256 hash;
  auto field = [&](llvm::StringRef text) {
    hash.update(text);
    hash.update(llvm::StringRef("\0", 1));
  };
  for (const Site &site : plan.sites) {
    field("site");
    field(site.name);
    field(site.region);
    field(site.dedicated ? "dedicated" : "public");
    field(site.compartmentOcid);
    field(site.compartmentName);
    for (const Hall &hall : site.halls) {
      field("hall");
      field(hall.path);
      for (const RackGroup &group : hall.groups) {
        field("group");
        field(group.typeName);
        field(group.shape);
        field(std::to_string(group.nodesPerRack));
        forEachRunOf(design, hall, group, [&](const model::RackRun &run, Replica parent) {
          field(relativePath(design, hall.node, parent));
          field(run.name.text());
          field(run.numbered ? std::to_string(run.first) : "-");
          field(std::to_string(run.count));
        });
      }
    }
  }
  return llvm::toHex(hash.final(), /*LowerCase=*/true).substr(0, 16);
}

} // namespace

llvm::StringRef subnetRoleName(unsigned role) {
  switch (role) {
  case Compute: return "compute";
  case Cluster: return "cluster";
  case Storage: return "storage";
  case Management: return "management";
  }
  return "";
}

bool isMemoryFabricShape(llvm::StringRef shape) {
  return shape.startswith("BM.GPU.GB200.") || shape.startswith("BM.GPU.GB300.");
}

std::string formatCidr(uint32_t address, unsigned prefix) {
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xff) + "." +
         std::to_string((address >> 8) & 0xff) + "." + std::to_string(address & 0xff) + "/" +
         std::to_string(prefix);
}

void forEachRackName(const Design &design, const Hall &hall, const RackGroup &group,
                     llvm::function_ref<void(llvm::StringRef)> visit) {
  std::string prefix;
  std::string name;
  forEachRunOf(design, hall, group, [&](const model::RackRun &run, Replica parent) {
    prefix = relativePath(design, hall.node, parent);
    if (!prefix.empty())
      prefix += '.';
    for (uint32_t offset = 0; offset < run.count; ++offset) {
      name = prefix;
      name += run.name.text();
      if (run.numbered)
        name += std::to_string(uint64_t{run.first} + offset);
      visit(name);
    }
  });
}

std::optional<Plan> planOci(const Design &design, const OciSettings &settings,
                            DiagnosticEngine &diagnostics) {
  unsigned errorsBefore = diagnostics.errorCount();

  // The `oci { }` block of each rack type.
  std::vector<RackTypeOci> types(design.catalog.size());
  for (size_t entry = 0; entry < design.catalog.size(); ++entry) {
    model::PropertySpan properties = design.catalog[entry].properties;
    const model::Value *shape = design.property(properties, "oci.shape");
    if (!shape || !shape->text())
      continue;
    RackTypeOci &type = types[entry];
    type.present = true;
    type.shape = *shape->text();
    type.memoryFabric = isMemoryFabricShape(type.shape);
    type.nodesRange = design.catalog[entry].range;
    if (const model::Property *nodes = design.findProperty(properties, "oci.nodes")) {
      type.nodesRange = nodes->range;
      if (const units::Quantity *number = nodes->value.quantity())
        type.nodes = wholeNumber(*number);
    }
  }

  // For every node: its hall, building and top-level structure.
  size_t nodeCount = design.nodes.size();
  std::vector<Index> hallOf(nodeCount), buildingOf(nodeCount), topOf(nodeCount);
  for (Index index = 0; index < nodeCount; ++index) {
    const model::Node &node = design.nodes[index];
    Index parent = node.parent;
    topOf[index] = parent == NoIndex ? index : topOf[parent];
    hallOf[index] = node.level == Level::Hall ? index : parent == NoIndex ? NoIndex : hallOf[parent];
    buildingOf[index] =
        node.level == Level::Building ? index : parent == NoIndex ? NoIndex : buildingOf[parent];
  }
  auto groupNodeOf = [&](Index node) {
    if (hallOf[node] != NoIndex)
      return hallOf[node];
    if (buildingOf[node] != NoIndex)
      return buildingOf[node];
    return topOf[node];
  };

  // Racks with OCI capacity, by site, hall and rack type, in design order:
  // each run once per replica of its hall (its groupNodeOf()).
  Plan plan;
  NameRegistry siteNames, hallNames, groupNames, vcnNames;
  std::map<Replica, size_t> siteIndex, hallIndex;
  std::vector<Index> firstRunOfSite;
  std::vector<bool> typeReported(design.catalog.size());
  std::vector<Index> ociRuns;
  for (Index index = 0; index < design.rackRuns.size(); ++index)
    if (types[design.rackRuns[index].rackType].present && design.rackRuns[index].count != 0)
      ociRuns.push_back(index);
  auto addRun = [&](Index index, Replica groupReplica) {
    const model::RackRun &run = design.rackRuns[index];
    const RackTypeOci &type = types[run.rackType];
    Index groupNode = groupReplica.node;
    if (type.memoryFabric && type.nodes > maxMemoryClusterHosts && !typeReported[run.rackType]) {
      typeReported[run.rackType] = true;
      diagnostics
          .report(DiagCode::E0703, type.nodesRange,
                  "`" + design.catalog[run.rackType].qualifiedName.str() + "` puts " +
                      std::to_string(type.nodes) + " `" + type.shape +
                      "` hosts in one rack, but a GPU memory cluster holds at most " +
                      std::to_string(maxMemoryClusterHosts))
          .note(run.range, "its racks are provisioned in OCI here")
          .note("one NVL72 rack is one GPU memory fabric of 18 hosts; a rack type with more "
                "hosts is more than one rack");
    }
    Replica top = design.ancestorOf(groupReplica, topOf[groupNode]);
    auto [siteAt, newSite] = siteIndex.try_emplace(top, plan.sites.size());
    if (newSite) {
      Site site;
      site.node = top;
      site.name = design.nameOf(top);
      site.tfName = siteNames.unique(identifier(site.name));
      plan.sites.push_back(std::move(site));
      firstRunOfSite.push_back(index);
    }
    Site &site = plan.sites[siteAt->second];
    auto [hallAt, newHall] = hallIndex.try_emplace(groupReplica, site.halls.size());
    if (newHall) {
      Hall hall;
      hall.node = groupReplica;
      hall.path = design.pathOf(groupReplica);
      if (buildingOf[groupNode] != NoIndex)
        hall.building = design.nameOf(design.ancestorOf(groupReplica, buildingOf[groupNode]));
      if (hallOf[groupNode] != NoIndex)
        hall.hall = design.nameOf(groupReplica);
      hall.tfName = hallNames.unique(identifier(hall.path));
      site.halls.push_back(std::move(hall));
    }
    Hall &hall = site.halls[hallAt->second];
    auto group = llvm::find_if(hall.groups, [&](const RackGroup &g) { return g.rackType == run.rackType; });
    if (group == hall.groups.end()) {
      RackGroup created;
      created.rackType = run.rackType;
      created.typeName = design.catalog[run.rackType].qualifiedName;
      created.shape = type.shape;
      created.nodesPerRack = type.nodes;
      created.memoryFabric = type.memoryFabric;
      created.tfName = groupNames.unique(hall.tfName + "_" + identifier(created.typeName));
      hall.groups.push_back(std::move(created));
      group = std::prev(hall.groups.end());
      if (!llvm::is_contained(plan.shapes, type.shape))
        plan.shapes.push_back(type.shape);
    }
    uint64_t racks = uint64_t{run.count} * design.replicasWithin(run.parent, groupNode);
    group->racks += racks;
    group->runs.push_back(index);
    hall.hosts += racks * type.nodes;
    plan.racks += racks;
    plan.hosts += racks * type.nodes;
  };
  model::forEachElementReplica(
      design, {NoIndex, 0}, ociRuns.size(),
      [&](size_t i) { return groupNodeOf(design.rackRuns[ociRuns[i]].parent); },
      [&](size_t i, Replica groupReplica) { addRun(ociRuns[i], groupReplica); });
  if (plan.sites.empty())
    return diagnostics.errorCount() == errorsBefore ? std::optional<Plan>(std::move(plan))
                                                    : std::nullopt;

  // Region and compartment of each site.
  std::vector<Index> ociBlockOf(nodeCount, NoIndex);
  for (Index index = 0; index < design.blocks.size(); ++index) {
    const model::Block &block = design.blocks[index];
    if (block.kind == "oci" && block.node != NoIndex && ociBlockOf[block.node] == NoIndex)
      ociBlockOf[block.node] = index;
  }
  for (size_t siteNumber = 0; siteNumber < plan.sites.size(); ++siteNumber) {
    Site &site = plan.sites[siteNumber];
    const model::Node &node = design.nodes[site.node.node];
    const model::RackRun &firstRun = design.rackRuns[firstRunOfSite[siteNumber]];
    SourceRange regionRange = node.range;
    bool fromProjectFile = false;
    Index blockIndex = ociBlockOf[site.node.node];
    if (blockIndex != NoIndex) {
      model::PropertySpan properties = design.blocks[blockIndex].properties;
      if (const model::Property *region = design.findProperty(properties, "region"))
        if (const std::string *text = region->value.text()) {
          site.region = *text;
          regionRange = region->range;
        }
      if (const model::Value *dedicated = design.property(properties, "dedicated"))
        if (const bool *truth = dedicated->truth())
          site.dedicated = *truth;
      if (const model::Property *compartment = design.findProperty(properties, "compartment"))
        if (const std::string *text = compartment->value.text()) {
          llvm::StringRef value(*text);
          if (value.startswith("ocid1.")) {
            if (isCompartmentOcid(value))
              site.compartmentOcid = *text;
            else
              diagnostics
                  .report(DiagCode::E0706, compartment->range,
                          "`" + *text + "` is not the OCID of a compartment")
                  .note("an existing compartment is named by its OCID, "
                        "`ocid1.compartment.oc1..` and its unique part; any other text names "
                        "the compartment sgdc creates for the site");
          } else if (isCompartmentName(value)) {
            site.compartmentName = *text;
          } else {
            diagnostics
                .report(DiagCode::E0706, compartment->range,
                        "`" + *text + "` is not a valid OCI compartment name")
                .note("a compartment name has 1 to 100 letters, digits, periods, hyphens and "
                      "underscores");
          }
        }
    }
    if (site.region.empty() && !settings.region.empty()) {
      site.region = settings.region;
      site.dedicated = settings.dedicated;
      fromProjectFile = true;
    }
    if (site.compartmentOcid.empty() && site.compartmentName.empty())
      site.compartmentName = compartmentNameFor(site.name);

    uint64_t siteRacks = 0;
    for (const Hall &hall : site.halls)
      for (const RackGroup &group : hall.groups)
        siteRacks += group.racks;
    // The replicas of a site share its `oci { }` block and its racks: what
    // is wrong is wrong in each, and reported once for all of them.
    model::NodeScope replicas(diagnostics, design, site.node.node);
    if (site.region.empty()) {
      diagnostics
            .report(DiagCode::E0701, node.range,
                    (node.instances > 1 ? "each site `" : "site `") +
                        design.runPath(site.node.node) + "` has " + std::to_string(siteRacks) +
                        " racks with OCI capacity but no OCI region")
            .note(firstRun.range, "`" + design.catalog[firstRun.rackType].qualifiedName.str() +
                                      "` has an `oci` block, so its racks are provisioned in OCI")
            .note("give the site `oci { region = \"...\"; }` (with `dedicated = true;` for a "
                  "dedicated region built for the campus), or set `region` under `[oci]` in "
                  "sgd.toml; sgdc does not guess a region");
      continue;
    }
    std::string origin = fromProjectFile ? " (from `[oci]` of " + settings.projectFile + ")" : "";
    if (site.dedicated) {
      if (!isRegionIdentifier(site.region))
        diagnostics
            .report(DiagCode::E0702, regionRange,
                    "`" + site.region + "`" + origin +
                        " is not an OCI region identifier")
            .note("region identifiers are lowercase words and numbers joined by hyphens, as "
                  "in `us-ashburn-1`; a dedicated region's identifier comes from Oracle");
    } else if (!settings.regions) {
      diagnostics
          .report(DiagCode::E0705, regionRange,
                  "cannot check the OCI region `" + site.region + "`" + origin +
                      ": the list of OCI regions could not be read")
          .note(settings.regionListPath.empty()
                    ? "no standard library was found; it holds the list in `oci/regions.tsv`"
                    : settings.regionListError);
    } else if (!llvm::is_contained(*settings.regions, site.region)) {
      Diagnostic &d = diagnostics.report(
          DiagCode::E0702, regionRange,
          "`" + site.region + "`" + origin + " is not a public OCI region");
      if (std::optional<std::string> best = closestRegion(site.region, *settings.regions))
        d.note("did you mean `" + *best + "`?");
      d.note("a dedicated region, built for one customer, is declared with `dedicated = true;` "
             "and its identifier is not checked");
    }
    site.providerAlias = identifier(site.region);
    if (!llvm::is_contained(plan.regions, site.region))
      plan.regions.push_back(site.region);

    for (const Hall &hall : site.halls)
      if (hall.hosts * privateIpsPerHost > maxPrivateIpsPerVcn) {
        model::NodeScope hallReplicas(diagnostics, design, hall.node.node);
        diagnostics
            .report(DiagCode::E0704, design.nodes[hall.node.node].range,
                    "`" + design.runPath(hall.node.node) + "` needs " +
                        std::to_string(hall.hosts * privateIpsPerHost) + " private IPs (" +
                        std::to_string(hall.hosts) + " OCI hosts, " +
                        std::to_string(privateIpsPerHost) + " VNICs each), more than the " +
                        std::to_string(maxPrivateIpsPerVcn) + " one VCN holds")
            .note("sgdc gives each hall's hosts one VCN at most; split the racks over more halls");
      }
  }
  if (diagnostics.errorCount() != errorsBefore)
    return std::nullopt;

  // VCNs: one per site; a site above the private IPs of one VCN gets one per
  // building, and a building above them one per hall.
  std::set<std::string> dnsLabels;
  uint64_t next16 = 0;
  bool exhausted = false;
  Index exhaustedAt = NoIndex;
  std::string exhaustedVcn;
  for (Site &site : plan.sites) {
    uint64_t siteIps = 0;
    std::map<Replica, uint64_t> buildingIps;
    auto buildingOfHall = [&](const Hall &hall) {
      Index building = buildingOf[hall.node.node];
      return building == NoIndex ? Replica{NoIndex, 0} : design.ancestorOf(hall.node, building);
    };
    for (const Hall &hall : site.halls) {
      siteIps += hall.hosts * privateIpsPerHost;
      if (Replica building = buildingOfHall(hall); building.node != NoIndex)
        buildingIps[building] += hall.hosts * privateIpsPerHost;
    }
    std::map<Replica, size_t> vcnOfScope;
    for (size_t hallNumber = 0; hallNumber < site.halls.size(); ++hallNumber) {
      Hall &hall = site.halls[hallNumber];
      Replica scope = site.node;
      if (siteIps > maxPrivateIpsPerVcn) {
        Replica building = buildingOfHall(hall);
        scope = building.node != NoIndex && buildingIps[building] <= maxPrivateIpsPerVcn
                    ? building
                    : hall.node;
      }
      auto [at, added] = vcnOfScope.try_emplace(scope, site.vcns.size());
      if (added) {
        Vcn vcn;
        vcn.path = design.pathOf(scope);
        vcn.tfName = vcnNames.unique(identifier(vcn.path));
        std::string label = dnsLabelFor(vcn.path);
        for (unsigned suffix = 2; !dnsLabels.insert(label).second; ++suffix) {
          std::string number = std::to_string(suffix);
          label = dnsLabelFor(vcn.path).substr(0, 15 - number.size()) + number;
        }
        vcn.dnsLabel = label;
        site.vcns.push_back(std::move(vcn));
      }
      hall.vcn = at->second;
      site.vcns[hall.vcn].halls.push_back(hallNumber);
    }
    // Subnets in hall order, each aligned to its size, so none crosses a /16.
    for (Vcn &vcn : site.vcns) {
      uint64_t offset = 0;
      unsigned ordinal = 0;
      for (size_t hallNumber : vcn.halls) {
        Hall &hall = site.halls[hallNumber];
        hall.ordinalInVcn = ++ordinal;
        uint64_t hostSubnet = std::max(smallSubnet, powerOfTwoAtLeast(hall.hosts + reservedPerSubnet));
        const uint64_t sizes[SubnetRoles] = {hostSubnet, hostSubnet, smallSubnet, smallSubnet};
        for (unsigned role = 0; role < SubnetRoles; ++role) {
          offset = (offset + sizes[role] - 1) / sizes[role] * sizes[role];
          hall.subnets[role].address =
              tenSlash8 + static_cast<uint32_t>(((next16 << 16) + offset) & 0xffffff);
          hall.subnets[role].prefix = prefixOf(sizes[role]);
          offset += sizes[role];
        }
      }
      vcn.first16 = static_cast<uint32_t>(std::min(next16, blocks16));
      vcn.count16 = static_cast<uint32_t>((offset + 0xffff) >> 16);
      next16 += vcn.count16;
      if (next16 > blocks16 && !exhausted) {
        exhausted = true;
        exhaustedAt = site.node.node;
        exhaustedVcn = vcn.path;
      }
    }
  }
  if (exhausted) {
    diagnostics
        .report(DiagCode::E0704, design.nodes[exhaustedAt].range,
                "the OCI address plan runs out of 10.0.0.0/8 at `" + exhaustedVcn + "`: it needs " +
                    std::to_string(next16) + " blocks of /16, 10.0.0.0/8 has 256")
        .note("each VCN (one per site, or per building or hall of a site too large for one) "
              "takes whole /16 blocks, its halls' subnets sized to their hosts; the design's " +
              std::to_string(plan.hosts) + " OCI hosts need them in " +
              std::to_string(plan.sites.size()) +
              " site(s)");
    return std::nullopt;
  }

  plan.designHash = hashPlan(design, plan);
  return plan;
}

} // namespace sgd::backends::oci
