#ifndef SGD_BACKENDS_OCIPLAN_H
#define SGD_BACKENDS_OCIPLAN_H

#include "backends/OciSettings.h"
#include "diagnostics/DiagnosticEngine.h"
#include "model/Design.h"

#include "llvm/ADT/FunctionExtras.h"
#include "llvm/ADT/StringRef.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sgd::backends::oci {

using model::Index;
using model::Replica;

/// A VCN holds at most this many private IPs, whatever its CIDR blocks
/// (OCI "Overview of VCNs and Subnets").
inline constexpr uint64_t maxPrivateIpsPerVcn = 64000;
/// A GPU memory cluster spans one NVLink domain: at most 18 hosts of 4 GPUs
/// (the 72 GPUs of an NVL72; docs/outputs.md, "OCI manifests").
inline constexpr uint64_t maxMemoryClusterHosts = 18;
/// Private IPs per host: the primary VNIC in the compute subnet and a
/// secondary VNIC in the cluster subnet.
inline constexpr uint64_t privateIpsPerHost = 2;

/// The racks of one OCI rack type in one hall.
struct RackGroup {
  Index rackType;           // catalog entry
  llvm::StringRef typeName; // nvidia.gb200_nvl72
  std::string shape;        // BM.GPU.GB200.4
  uint64_t nodesPerRack = 0;
  /// The rack is one GPU memory fabric (GB200/GB300 NVL72): a compute
  /// cluster and one GPU memory cluster per rack. Else the hosts are 8-GPU
  /// servers: a cluster network with one instance pool.
  bool memoryFabric = false;
  uint64_t racks = 0;       // in the hall (each replica of its rows counted)
  std::vector<Index> runs;  // distinct rack runs, in design order
  std::string tfName;       // Terraform name: ashburn_b1_gb_nvidia_gb200_nvl72
};

/// The four subnets of a hall, in this order.
enum SubnetRole : unsigned { Compute, Cluster, Storage, Management, SubnetRoles };
llvm::StringRef subnetRoleName(unsigned role);

struct Subnet {
  uint32_t address = 0; // IPv4, host order
  unsigned prefix = 0;
};

/// A hall with OCI capacity (or, for racks outside any hall, the building
/// or site that holds them): one per replica, each with its own subnets.
struct Hall {
  Replica node;
  std::string path;     // ashburn.b1.gb
  std::string building; // tag values; empty when the racks have none
  std::string hall;
  std::string tfName;   // ashburn_b1_gb
  uint64_t hosts = 0;
  std::vector<RackGroup> groups;
  std::array<Subnet, SubnetRoles> subnets{};
  size_t vcn = 0;            // into Site::vcns
  unsigned ordinalInVcn = 0; // 1-based: subnet DNS labels cmp1, clu1, ...
};

/// One VCN: the whole site, or a building or hall of a site too large for one.
struct Vcn {
  std::string path;     // ashburn, or abilene.b1
  std::string tfName;
  std::string dnsLabel;
  uint32_t first16 = 0; // the VCN's CIDR blocks: 10.first16.0.0/16 …
  uint32_t count16 = 0;
  std::vector<size_t> halls; // into Site::halls
};

struct Site {
  Replica node;
  std::string name;
  std::string tfName;
  std::string region;
  bool dedicated = false;
  std::string providerAlias;   // the region with `_` for `-`
  std::string compartmentOcid; // an existing compartment; else one is created:
  std::string compartmentName;
  std::vector<Hall> halls;
  std::vector<Vcn> vcns;
};

/// What the OCI manifests provision, derived from the design alone.
struct Plan {
  std::vector<Site> sites;
  std::vector<std::string> regions; // distinct, in order of first use
  std::vector<std::string> shapes;  // distinct, in order of first use
  std::string designHash;           // 16 hex digits of SHA-256
  uint64_t racks = 0;
  uint64_t hosts = 0;
};

/// Whether hosts of this shape share a GPU memory fabric per rack
/// (`BM.GPU.GB200.4`, `BM.GPU.GB300.4`: the Grace Blackwell NVL72 shapes).
bool isMemoryFabricShape(llvm::StringRef shape);

/// Plans the OCI capacity of `design`: the racks whose rack type has an
/// `oci { }` block, grouped by hall and rack type, the region and
/// compartment of each site, and the address plan. Reports why the design
/// cannot be provisioned (no region, an unknown region, a hall too large for
/// a VCN, ...) and then returns nothing. A design without OCI capacity
/// gives a plan without sites.
std::optional<Plan> planOci(const model::Design &design, const OciSettings &settings,
                            DiagnosticEngine &diagnostics);

/// Calls `visit` with the name of every rack of `group`, relative to its
/// hall (`r1.k3`), in design order.
void forEachRackName(const model::Design &design, const Hall &hall, const RackGroup &group,
                     llvm::function_ref<void(llvm::StringRef)> visit);

/// `10.4.128.0/20`
std::string formatCidr(uint32_t address, unsigned prefix);

} // namespace sgd::backends::oci

#endif
