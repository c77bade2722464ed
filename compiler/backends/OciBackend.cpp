#include "backends/OciBackend.h"

#include "backends/OciJson.h"
#include "backends/OciPlan.h"
#include "backends/ZipArchive.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <optional>

namespace sgd::backends {
namespace {

using namespace oci;

// A site's resources go in one file up to this size; a larger site gets a
// file per hall, so no file comes near the ~50 MB that tools handle well.
constexpr size_t maxSiteFileBytes = 32u << 20;

// Resource types in the order a file lists them (dependencies first).
constexpr llvm::StringLiteral resourceOrder[] = {
    "oci_identity_compartment",
    "oci_core_vcn",
    "oci_core_nat_gateway",
    "oci_core_service_gateway",
    "oci_core_route_table",
    "oci_core_security_list",
    "oci_core_subnet",
    "oci_core_network_security_group",
    "oci_core_network_security_group_security_rule",
    "oci_core_compute_cluster",
    "oci_core_instance_configuration",
    "oci_core_compute_gpu_memory_cluster",
    "oci_core_cluster_network",
};

// Depths at which bodies are rendered: root { "resource" { TYPE { NAME BODY
// and root { "locals" { NAME VALUE.
constexpr unsigned bodyDepth = 3;
constexpr unsigned localDepth = 2;

// A Terraform template holding only this expression.
std::string expr(const llvm::Twine &expression) { return ("${" + expression + "}").str(); }

// One rule of a VCN's private route table.
void routeRule(JsonWriter &json, llvm::StringRef description, llvm::StringRef destination,
               llvm::StringRef destinationType, llvm::StringRef gateway) {
  json.beginObject();
  json.member("description", description);
  json.member("destination", destination);
  json.member("destination_type", destinationType);
  json.member("network_entity_id", gateway);
  json.endObject();
}

// One stateful ingress rule for ICMP messages of `type` (and `code`).
void icmpIngress(JsonWriter &json, llvm::StringRef description, llvm::StringRef source,
                 uint64_t type, std::optional<uint64_t> code) {
  json.beginObject();
  json.member("description", description);
  json.member("protocol", "1");
  json.member("source", source);
  json.member("source_type", "CIDR_BLOCK");
  json.flag("stateless", false);
  json.key("icmp_options");
  json.beginObject();
  json.count("type", type);
  if (code)
    json.count("code", *code);
  json.endObject();
  json.endObject();
}

// Text from the design inside a Terraform string: `${` and `%{` would start
// a template sequence, so they are doubled (`$${`, `%%{`).
std::string literal(llvm::StringRef text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if ((text[i] == '$' || text[i] == '%') && i + 1 < text.size() && text[i + 1] == '{')
      out += text[i];
    out += text[i];
  }
  return out;
}

std::string imageVariable(llvm::StringRef shape) {
  std::string name = "image_ocid_";
  for (char c : shape)
    name += llvm::isAlnum(c) ? llvm::toLower(c) : '_';
  return name;
}

llvm::StringRef dnsPrefix(unsigned role) {
  static const char *const prefixes[SubnetRoles] = {"cmp", "clu", "sto", "mgt"};
  return prefixes[role];
}

struct Item {
  llvm::StringRef type;
  std::string name;
  std::string body;
};

// Resources and locals that go in the same file.
struct Part {
  std::vector<Item> resources;
  std::vector<std::pair<std::string, std::string>> locals;
  size_t bytes = 0;
};

std::string renderFile(llvm::ArrayRef<const Part *> parts) {
  size_t size = 64;
  for (const Part *part : parts)
    size += part->bytes + 256;
  std::string out;
  out.reserve(size);
  JsonWriter json(out);
  json.beginObject();
  bool anyLocals = llvm::any_of(parts, [](const Part *part) { return !part->locals.empty(); });
  if (anyLocals) {
    json.key("locals");
    json.beginObject();
    for (const Part *part : parts)
      for (const auto &[name, value] : part->locals) {
        json.key(name);
        json.raw(value);
      }
    json.endObject();
  }
  json.key("resource");
  json.beginObject();
  for (llvm::StringRef type : resourceOrder) {
    bool opened = false;
    for (const Part *part : parts)
      for (const Item &item : part->resources) {
        if (item.type != type)
          continue;
        if (!opened) {
          json.key(type);
          json.beginObject();
          opened = true;
        }
        json.key(item.name);
        json.raw(item.body);
      }
    if (opened)
      json.endObject();
  }
  json.endObject();
  json.endObject();
  out += '\n';
  return out;
}

// Renders the resources of the plan.
class Renderer {
public:
  Renderer(const model::Design &design, const Plan &plan, const OciSettings &settings)
      : design_(design), plan_(plan), settings_(settings) {}

  void emit(OutputSet &outputs, DiagnosticEngine &diagnostics, llvm::StringRef designName);

private:
  // One resource body: `fill` writes its members.
  template <typename Fill> void add(Part &part, llvm::StringRef type, std::string name, Fill fill) {
    std::string body;
    JsonWriter json(body, bodyDepth);
    json.beginObject();
    fill(json);
    json.endObject();
    part.bytes += body.size() + name.size() + 16;
    part.resources.push_back({type, std::move(name), std::move(body)});
  }

  void tags(JsonWriter &json, const Site &site, const Hall *hall, llvm::StringRef rackType = {},
            llvm::StringRef rack = {}) const {
    json.key("freeform_tags");
    json.beginObject();
    json.member("site", literal(site.name));
    if (hall && !hall->building.empty())
      json.member("building", literal(hall->building));
    if (hall && !hall->hall.empty())
      json.member("hall", literal(hall->hall));
    if (!rackType.empty())
      json.member("rack_type", literal(rackType));
    if (!rack.empty())
      json.member("rack", rack);
    json.member("design_hash", plan_.designHash);
    json.endObject();
  }

  std::string compartment(const Site &site) const {
    return site.compartmentOcid.empty() ? expr("oci_identity_compartment." + site.tfName + ".id")
                                        : literal(site.compartmentOcid);
  }
  std::string provider(const Site &site) const { return "oci." + site.providerAlias; }
  std::string availabilityDomain(const Site &site) const {
    return expr("data.oci_identity_availability_domains." + site.providerAlias +
                ".availability_domains[var.availability_domain_index].name");
  }
  std::string services(const Site &site, llvm::StringRef field) const {
    return expr("data.oci_core_services." + site.providerAlias + ".services[0]." + field);
  }
  static std::string subnetName(const Hall &hall, unsigned role) {
    return hall.tfName + "_" + subnetRoleName(role).str();
  }

  Part sitePart(const Site &site);
  Part hallPart(const Site &site, const Hall &hall);
  void groupResources(Part &part, const Site &site, const Hall &hall, const RackGroup &group);

  std::string versionsFile() const;
  std::string providerFile() const;
  std::string dataFile() const;
  std::string variablesFile() const;
  std::string outputsFile() const;
  std::string schemaFile(llvm::StringRef designName) const;

  const model::Design &design_;
  const Plan &plan_;
  const OciSettings &settings_;
};

Part Renderer::sitePart(const Site &site) {
  Part part;
  if (site.compartmentOcid.empty())
    add(part, "oci_identity_compartment", site.tfName, [&](JsonWriter &json) {
      // Identity resources go through the home region: the default provider.
      json.member("compartment_id", expr("var.compartment_ocid"));
      json.member("name", literal(site.compartmentName));
      json.member("description", literal("Site " + site.name + ": GPU capacity provisioned by sgdc"));
      tags(json, site, nullptr);
    });
  for (const Vcn &vcn : site.vcns) {
    std::string vcnId = expr("oci_core_vcn." + vcn.tfName + ".id");
    // What every resource inside the VCN starts with.
    auto vcnMembers = [&](JsonWriter &json, llvm::StringRef displaySuffix) {
      json.member("provider", provider(site));
      json.member("compartment_id", compartment(site));
      json.member("vcn_id", vcnId);
      json.member("display_name", literal(vcn.path + displaySuffix.str()));
    };
    add(part, "oci_core_vcn", vcn.tfName, [&](JsonWriter &json) {
      json.member("provider", provider(site));
      json.member("compartment_id", compartment(site));
      json.key("cidr_blocks");
      json.beginArray();
      for (uint32_t block = 0; block < vcn.count16; ++block)
        json.string(formatCidr((10u << 24) | ((vcn.first16 + block) << 16), 16));
      json.endArray();
      json.member("display_name", literal(vcn.path));
      json.member("dns_label", vcn.dnsLabel);
      tags(json, site, nullptr);
    });
    add(part, "oci_core_nat_gateway", vcn.tfName, [&](JsonWriter &json) {
      vcnMembers(json, " NAT");
      // Closed by default: no traffic to the internet until an operator opens it.
      json.flag("block_traffic", true);
      tags(json, site, nullptr);
    });
    add(part, "oci_core_service_gateway", vcn.tfName, [&](JsonWriter &json) {
      vcnMembers(json, " services");
      json.key("services");
      json.beginObject();
      json.member("service_id", services(site, "id"));
      json.endObject();
      tags(json, site, nullptr);
    });
    add(part, "oci_core_route_table", vcn.tfName, [&](JsonWriter &json) {
      vcnMembers(json, " private");
      json.key("route_rules");
      json.beginArray();
      routeRule(json, "internet egress through the NAT gateway (blocked by default)", "0.0.0.0/0",
                "CIDR_BLOCK", expr("oci_core_nat_gateway." + vcn.tfName + ".id"));
      routeRule(json, "Oracle Services Network through the service gateway",
                services(site, "cidr_block"), "SERVICE_CIDR_BLOCK",
                expr("oci_core_service_gateway." + vcn.tfName + ".id"));
      json.endArray();
      tags(json, site, nullptr);
    });
    add(part, "oci_core_security_list", vcn.tfName, [&](JsonWriter &json) {
      vcnMembers(json, " closed by default");
      // Only what IP needs to work; hosts talk to each other through their
      // hall's network security group.
      json.key("ingress_security_rules");
      json.beginArray();
      icmpIngress(json, "path MTU discovery", "0.0.0.0/0", 3, 4);
      for (uint32_t block = 0; block < vcn.count16; ++block)
        icmpIngress(json, "destination unreachable inside the VCN",
                    formatCidr((10u << 24) | ((vcn.first16 + block) << 16), 16), 3, std::nullopt);
      json.endArray();
      json.key("egress_security_rules");
      json.beginArray();
      json.beginObject();
      json.member("description", "Oracle Services Network (object storage, monitoring)");
      json.member("protocol", "all");
      json.member("destination", services(site, "cidr_block"));
      json.member("destination_type", "SERVICE_CIDR_BLOCK");
      json.flag("stateless", false);
      json.endObject();
      json.endArray();
      tags(json, site, nullptr);
    });
  }
  return part;
}

Part Renderer::hallPart(const Site &site, const Hall &hall) {
  Part part;
  const Vcn &vcn = site.vcns[hall.vcn];
  std::string vcnId = expr("oci_core_vcn." + vcn.tfName + ".id");
  for (unsigned role = 0; role < SubnetRoles; ++role)
    add(part, "oci_core_subnet", subnetName(hall, role), [&](JsonWriter &json) {
      json.member("provider", provider(site));
      json.member("compartment_id", compartment(site));
      json.member("vcn_id", vcnId);
      json.member("cidr_block", formatCidr(hall.subnets[role].address, hall.subnets[role].prefix));
      json.member("display_name", literal(hall.path + " " + subnetRoleName(role).str()));
      json.member("dns_label", dnsPrefix(role).str() + std::to_string(hall.ordinalInVcn));
      json.flag("prohibit_internet_ingress", true);
      json.flag("prohibit_public_ip_on_vnic", true);
      json.member("route_table_id", expr("oci_core_route_table." + vcn.tfName + ".id"));
      json.key("security_list_ids");
      json.beginArray();
      json.string(expr("oci_core_security_list." + vcn.tfName + ".id"));
      json.endArray();
      tags(json, site, &hall);
    });
  std::string nsgId = expr("oci_core_network_security_group." + hall.tfName + ".id");
  add(part, "oci_core_network_security_group", hall.tfName, [&](JsonWriter &json) {
    json.member("provider", provider(site));
    json.member("compartment_id", compartment(site));
    json.member("vcn_id", vcnId);
    json.member("display_name", literal(hall.path + " hosts"));
    tags(json, site, &hall);
  });
  for (bool ingress : {true, false})
    add(part, "oci_core_network_security_group_security_rule",
        hall.tfName + (ingress ? "_ingress" : "_egress"), [&](JsonWriter &json) {
          json.member("provider", provider(site));
          json.member("network_security_group_id", nsgId);
          json.member("description", ingress ? "from the hall's hosts" : "to the hall's hosts");
          json.member("direction", ingress ? "INGRESS" : "EGRESS");
          json.member("protocol", "all");
          json.member(ingress ? "source" : "destination", nsgId);
          json.member(ingress ? "source_type" : "destination_type", "NETWORK_SECURITY_GROUP");
          json.flag("stateless", false);
        });
  for (const RackGroup &group : hall.groups)
    groupResources(part, site, hall, group);
  return part;
}

void Renderer::groupResources(Part &part, const Site &site, const Hall &hall,
                              const RackGroup &group) {
  std::string label = hall.path + " " + group.typeName.str();
  std::string comment = std::to_string(group.racks) + " racks of " + group.typeName.str() + ", " +
                        std::to_string(group.nodesPerRack) + " x " + group.shape +
                        " hosts each: " + std::to_string(group.racks * group.nodesPerRack) +
                        " hosts";
  std::string nsgId = expr("oci_core_network_security_group." + hall.tfName + ".id");
  std::string configurationId = expr("oci_core_instance_configuration." + group.tfName + ".id");

  add(part, "oci_core_instance_configuration", group.tfName, [&](JsonWriter &json) {
    json.member("provider", provider(site));
    json.member("compartment_id", compartment(site));
    json.member("display_name", literal(label));
    tags(json, site, &hall, group.typeName);
    json.key("instance_details");
    json.beginObject();
    json.member("instance_type", "compute");
    json.key("launch_details");
    json.beginObject();
    json.member("availability_domain", availabilityDomain(site));
    json.member("compartment_id", compartment(site));
    json.member("shape", literal(group.shape));
    tags(json, site, &hall, group.typeName);
    json.key("metadata");
    json.beginObject();
    json.member("ssh_authorized_keys", expr("var.ssh_public_key"));
    json.endObject();
    json.key("create_vnic_details");
    json.beginObject();
    json.member("subnet_id", expr("oci_core_subnet." + subnetName(hall, Compute) + ".id"));
    json.flag("assign_public_ip", false);
    json.key("nsg_ids");
    json.beginArray();
    json.string(nsgId);
    json.endArray();
    json.endObject();
    json.key("source_details");
    json.beginObject();
    json.member("source_type", "image");
    json.member("image_id", expr("var." + imageVariable(group.shape)));
    json.endObject();
    json.endObject(); // launch_details
    json.key("secondary_vnics");
    json.beginObject();
    json.member("display_name", "cluster");
    json.key("create_vnic_details");
    json.beginObject();
    json.member("subnet_id", expr("oci_core_subnet." + subnetName(hall, Cluster) + ".id"));
    json.flag("assign_public_ip", false);
    json.key("nsg_ids");
    json.beginArray();
    json.string(nsgId);
    json.endArray();
    json.endObject();
    json.endObject(); // secondary_vnics
    json.endObject(); // instance_details
  });

  if (group.memoryFabric) {
    // One compute cluster per hall and rack type, one GPU memory cluster
    // per rack: a for_each over the rack names, not a resource per rack.
    std::string local = "racks_" + group.tfName;
    std::string names;
    {
      JsonWriter json(names, localDepth);
      json.beginArray();
      forEachRackName(design_, hall, group, [&](llvm::StringRef name) { json.string(literal(name)); });
      json.endArray();
    }
    part.bytes += names.size() + local.size() + 8;
    part.locals.emplace_back(std::move(local), std::move(names));
    add(part, "oci_core_compute_cluster", group.tfName, [&](JsonWriter &json) {
      json.member("//", comment);
      json.member("provider", provider(site));
      json.member("availability_domain", availabilityDomain(site));
      json.member("compartment_id", compartment(site));
      json.member("display_name", literal(label));
      tags(json, site, &hall, group.typeName);
    });
    add(part, "oci_core_compute_gpu_memory_cluster", group.tfName, [&](JsonWriter &json) {
      json.member("for_each", expr("toset(local.racks_" + group.tfName + ")"));
      json.member("provider", provider(site));
      json.member("availability_domain", availabilityDomain(site));
      json.member("compartment_id", compartment(site));
      json.member("compute_cluster_id", expr("oci_core_compute_cluster." + group.tfName + ".id"));
      json.member("instance_configuration_id", configurationId);
      json.member("size", std::to_string(group.nodesPerRack));
      json.member("display_name", literal(hall.path + ".") + expr("each.key"));
      tags(json, site, &hall, group.typeName, expr("each.key"));
    });
    return;
  }
  // 8-GPU servers: one cluster network whose pool holds every host.
  add(part, "oci_core_cluster_network", group.tfName, [&](JsonWriter &json) {
    json.member("//", comment);
    json.member("provider", provider(site));
    json.member("compartment_id", compartment(site));
    json.member("display_name", literal(label));
    tags(json, site, &hall, group.typeName);
    json.key("instance_pools");
    json.beginArray();
    json.beginObject();
    json.member("display_name", literal(label));
    json.member("instance_configuration_id", configurationId);
    json.count("size", group.racks * group.nodesPerRack);
    tags(json, site, &hall, group.typeName);
    json.endObject();
    json.endArray();
    json.key("placement_configuration");
    json.beginObject();
    json.member("availability_domain", availabilityDomain(site));
    json.key("primary_vnic_subnets");
    json.beginObject();
    json.member("subnet_id", expr("oci_core_subnet." + subnetName(hall, Compute) + ".id"));
    json.endObject();
    json.key("secondary_vnic_subnets");
    json.beginArray();
    json.beginObject();
    json.member("display_name", "cluster");
    json.member("subnet_id", expr("oci_core_subnet." + subnetName(hall, Cluster) + ".id"));
    json.endObject();
    json.endArray();
    json.endObject();
  });
}

std::string Renderer::versionsFile() const {
  return "# Generated by sgdc from the design; edit the design, not this file.\n"
         "terraform {\n"
         "  required_version = \">= 1.2.0\"\n"
         "  required_providers {\n"
         "    oci = {\n"
         "      source  = \"oracle/oci\"\n"
         "      version = \">= 8.0.0\"\n"
         "    }\n"
         "  }\n"
         "}\n";
}

std::string Renderer::providerFile() const {
  std::string out;
  JsonWriter json(out);
  json.beginObject();
  json.key("provider");
  json.beginObject();
  json.key("oci");
  json.beginArray();
  // The default configuration: the home region, where identity resources
  // (compartments) are created.
  json.beginObject();
  json.member("region", expr("var.region"));
  json.member("tenancy_ocid", expr("var.tenancy_ocid"));
  json.endObject();
  for (const std::string &region : plan_.regions) {
    json.beginObject();
    std::string alias;
    for (const Site &site : plan_.sites)
      if (site.region == region) {
        alias = site.providerAlias;
        break;
      }
    json.member("alias", alias);
    json.member("region", literal(region));
    json.member("tenancy_ocid", expr("var.tenancy_ocid"));
    json.endObject();
  }
  json.endArray();
  json.endObject();
  json.endObject();
  out += '\n';
  return out;
}

std::string Renderer::dataFile() const {
  std::vector<std::pair<std::string, std::string>> aliases; // alias, region
  for (const Site &site : plan_.sites)
    if (llvm::none_of(aliases, [&](const auto &entry) { return entry.first == site.providerAlias; }))
      aliases.emplace_back(site.providerAlias, site.region);
  std::string out;
  JsonWriter json(out);
  json.beginObject();
  json.key("data");
  json.beginObject();
  json.key("oci_identity_availability_domains");
  json.beginObject();
  for (const auto &[alias, region] : aliases) {
    json.key(alias);
    json.beginObject();
    json.member("provider", "oci." + alias);
    json.member("compartment_id", expr("var.tenancy_ocid"));
    json.endObject();
  }
  json.endObject();
  json.key("oci_core_services");
  json.beginObject();
  for (const auto &[alias, region] : aliases) {
    json.key(alias);
    json.beginObject();
    json.member("provider", "oci." + alias);
    json.key("filter");
    json.beginObject();
    json.member("name", "name");
    json.key("values");
    json.beginArray();
    json.string("All .* Services In Oracle Services Network");
    json.endArray();
    json.flag("regex", true);
    json.endObject();
    json.endObject();
  }
  json.endObject();
  json.endObject();
  json.endObject();
  out += '\n';
  return out;
}

// The stack's variables, shared by variables.tf.json and schema.yaml.
struct Variable {
  std::string name;
  std::string type;       // Terraform: string, number
  std::string schemaType; // Resource Manager: string, number, oci:…
  std::string title;
  std::string description;
  std::string defaultValue; // empty: none (required)
  std::string shape;        // for images: the shape the image must support
};

std::vector<Variable> stackVariables(const Plan &plan, const OciSettings &settings) {
  std::vector<Variable> variables = {
      {"tenancy_ocid", "string", "string", "Tenancy", "OCID of the tenancy.", "", ""},
      {"region", "string", "oci:identity:region:name", "Home region",
       "The tenancy's home region: compartments are created there. Each site's resources go "
       "to the site's own region, fixed by the design.",
       "", ""},
      {"compartment_ocid", "string", "oci:identity:compartment:id", "Parent compartment",
       "OCID of the compartment that holds one compartment per site.", settings.compartment, ""},
      {"ssh_public_key", "string", "oci:core:ssh:publickey", "SSH public key",
       "Public key authorized on every host.", "", ""},
  };
  for (const std::string &shape : plan.shapes)
    variables.push_back({imageVariable(shape), "string", "oci:core:image:id",
                         "Image for " + shape,
                         "OCID of the image " + shape + " hosts boot" +
                             (isMemoryFabricShape(shape) ? " (an aarch64 image: Grace CPUs)." : "."),
                         "", shape});
  variables.push_back({"availability_domain_index", "number", "number",
                       "Availability domain",
                       "Which availability domain of each region holds the clusters, from 0.",
                       "0", ""});
  return variables;
}

std::string Renderer::variablesFile() const {
  std::string out;
  JsonWriter json(out);
  json.beginObject();
  json.key("variable");
  json.beginObject();
  for (const Variable &variable : stackVariables(plan_, settings_)) {
    json.key(variable.name);
    json.beginObject();
    json.member("type", variable.type);
    json.member("description", variable.description);
    if (!variable.defaultValue.empty()) {
      if (variable.type == "number")
        json.count("default", std::stoull(variable.defaultValue));
      else
        json.member("default", literal(variable.defaultValue));
    }
    json.endObject();
  }
  json.endObject();
  json.endObject();
  out += '\n';
  return out;
}

std::string Renderer::outputsFile() const {
  std::string out;
  JsonWriter json(out);
  json.beginObject();
  json.key("output");
  json.beginObject();
  auto mapOutput = [&](llvm::StringRef name, llvm::StringRef description, auto each) {
    bool any = false;
    for (const Site &site : plan_.sites)
      for (const Hall &hall : site.halls)
        for (const RackGroup &group : hall.groups)
          any |= static_cast<bool>(each(site, hall, group, nullptr));
    if (!any)
      return;
    json.key(name);
    json.beginObject();
    json.member("description", description);
    json.key("value");
    json.beginObject();
    for (const Site &site : plan_.sites)
      for (const Hall &hall : site.halls)
        for (const RackGroup &group : hall.groups)
          each(site, hall, group, &json);
    json.endObject();
    json.endObject();
  };
  auto key = [](const Hall &hall, const RackGroup &group) {
    return hall.path + "/" + group.typeName.str();
  };
  // VCNs, by the site, building or hall they serve.
  json.key("vcn_ids");
  json.beginObject();
  json.member("description", "VCN of each site (or building, or hall)");
  json.key("value");
  json.beginObject();
  for (const Site &site : plan_.sites)
    for (const Vcn &vcn : site.vcns)
      json.member(vcn.path, expr("oci_core_vcn." + vcn.tfName + ".id"));
  json.endObject();
  json.endObject();
  mapOutput("compute_cluster_ids", "Compute cluster of each hall and NVL72 rack type",
            [&](const Site &, const Hall &hall, const RackGroup &group, JsonWriter *to) {
              if (group.memoryFabric && to)
                to->member(key(hall, group), expr("oci_core_compute_cluster." + group.tfName + ".id"));
              return group.memoryFabric;
            });
  mapOutput("gpu_memory_cluster_ids", "GPU memory cluster of each NVL72 rack, by hall and rack type",
            [&](const Site &, const Hall &hall, const RackGroup &group, JsonWriter *to) {
              if (group.memoryFabric && to)
                to->member(key(hall, group),
                           expr("{for rack, cluster in oci_core_compute_gpu_memory_cluster." +
                                group.tfName + " : rack => cluster.id}"));
              return group.memoryFabric;
            });
  mapOutput("cluster_network_ids", "Cluster network of each hall and 8-GPU rack type",
            [&](const Site &, const Hall &hall, const RackGroup &group, JsonWriter *to) {
              if (!group.memoryFabric && to)
                to->member(key(hall, group), expr("oci_core_cluster_network." + group.tfName + ".id"));
              return !group.memoryFabric;
            });
  json.endObject();
  json.endObject();
  out += '\n';
  return out;
}

// YAML double-quoted scalar.
std::string yamlString(llvm::StringRef text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"";
}

std::string Renderer::schemaFile(llvm::StringRef designName) const {
  std::vector<Variable> variables = stackVariables(plan_, settings_);
  std::string out;
  out += "# Resource Manager schema, generated by sgdc with the Terraform files beside it.\n";
  out += "title: " + yamlString("GPU capacity of " + designName.str()) + "\n";
  out += "description: " +
         yamlString(std::to_string(plan_.racks) + " racks, " + std::to_string(plan_.hosts) +
                    " hosts, design hash " + plan_.designHash) +
         "\n";
  out += "schemaVersion: 1.1.0\n";
  out += "version: \"20190304\"\n";
  out += "locale: \"en\"\n";
  out += "\nvariableGroups:\n";
  out += "  - title: \"Tenancy\"\n    variables:\n";
  for (const Variable &variable : variables)
    if (variable.shape.empty() && variable.name != "ssh_public_key" &&
        variable.name != "availability_domain_index")
      out += "      - " + variable.name + "\n";
  out += "  - title: \"Hosts\"\n    variables:\n";
  for (const Variable &variable : variables)
    if (!variable.shape.empty() || variable.name == "ssh_public_key" ||
        variable.name == "availability_domain_index")
      out += "      - " + variable.name + "\n";
  out += "\nvariables:\n";
  for (const Variable &variable : variables) {
    out += "  " + variable.name + ":\n";
    out += "    type: " + variable.schemaType + "\n";
    out += "    title: " + yamlString(variable.title) + "\n";
    out += "    description: " + yamlString(variable.description) + "\n";
    if (variable.defaultValue.empty()) {
      out += "    required: true\n";
    } else {
      out += "    required: false\n";
      out += "    default: " +
             (variable.type == "number" ? variable.defaultValue : yamlString(variable.defaultValue)) +
             "\n";
    }
    if (variable.schemaType == "oci:core:image:id") {
      out += "    dependsOn:\n";
      out += "      compartmentId: ${compartment_ocid}\n";
      out += "      shape: " + yamlString(variable.shape) + "\n";
    }
    if (variable.type == "number")
      out += "    minimum: 0\n";
  }
  out += "\noutputGroups:\n";
  out += "  - title: \"Clusters\"\n    outputs:\n";
  out += "      - vcn_ids\n";
  bool fabric = false, network = false;
  for (const Site &site : plan_.sites)
    for (const Hall &hall : site.halls)
      for (const RackGroup &group : hall.groups)
        (group.memoryFabric ? fabric : network) = true;
  if (fabric)
    out += "      - compute_cluster_ids\n      - gpu_memory_cluster_ids\n";
  if (network)
    out += "      - cluster_network_ids\n";
  return out;
}

void Renderer::emit(OutputSet &outputs, DiagnosticEngine &, llvm::StringRef designName) {
  std::vector<std::pair<std::string, std::string>> files; // name in oci/, contents
  files.emplace_back("versions.tf", versionsFile());
  files.emplace_back("provider.tf.json", providerFile());
  files.emplace_back("data.tf.json", dataFile());
  files.emplace_back("variables.tf.json", variablesFile());
  files.emplace_back("outputs.tf.json", outputsFile());
  for (const Site &site : plan_.sites) {
    Part base = sitePart(site);
    std::vector<Part> halls;
    halls.reserve(site.halls.size());
    size_t bytes = base.bytes;
    for (const Hall &hall : site.halls) {
      halls.push_back(hallPart(site, hall));
      bytes += halls.back().bytes;
    }
    if (bytes <= maxSiteFileBytes) {
      std::vector<const Part *> parts = {&base};
      for (const Part &part : halls)
        parts.push_back(&part);
      files.emplace_back("site_" + site.tfName + ".tf.json", renderFile(parts));
      continue;
    }
    files.emplace_back("site_" + site.tfName + ".tf.json", renderFile({&base}));
    for (size_t index = 0; index < halls.size(); ++index)
      files.emplace_back("hall_" + site.halls[index].tfName + ".tf.json", renderFile({&halls[index]}));
  }
  std::sort(files.begin(), files.end());

  // The address plan bounds every hall and the whole design (10.0.0.0/8),
  // which keeps the files small enough to render in memory and the archive
  // far below the 4 GiB of a ZIP without ZIP64.
  ZipArchive stack(outputs.open("oci-stack.zip"));
  for (const auto &[name, contents] : files)
    if (llvm::Error error = stack.add(name, contents))
      llvm::report_fatal_error(std::move(error));
  if (llvm::Error error = stack.add("schema.yaml", schemaFile(designName)))
    llvm::report_fatal_error(std::move(error));
  if (llvm::Error error = stack.finish())
    llvm::report_fatal_error(std::move(error));
  for (auto &[name, contents] : files) {
    outputs.add("oci/" + name, contents);
    std::string().swap(contents); // written: freed now, not at the end
  }
}

} // namespace

llvm::Expected<std::vector<std::string>> readOciRegionList(llvm::StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createFileError(path, buffer.getError());
  std::vector<std::string> regions;
  llvm::SmallVector<llvm::StringRef, 128> lines;
  (*buffer)->getBuffer().split(lines, '\n');
  for (size_t line = 1; line < lines.size(); ++line) {
    llvm::StringRef region = lines[line].split('\t').first.trim();
    if (!region.empty() && !region.startswith("#"))
      regions.push_back(region.str());
  }
  if (regions.empty())
    return llvm::createStringError(std::errc::invalid_argument, "%s lists no region",
                                   path.str().c_str());
  return regions;
}

void emitOci(const BuildInput &input, OutputSet &outputs, DiagnosticEngine &diagnostics) {
  std::optional<Plan> plan = planOci(input.design, input.settings.oci, diagnostics);
  if (!plan || plan->sites.empty())
    return;
  std::string designName = input.settings.designName;
  if (designName.empty())
    for (const Site &site : plan->sites)
      designName += (designName.empty() ? "" : ", ") + site.name;
  Renderer(input.design, *plan, input.settings.oci).emit(outputs, diagnostics, designName);
}

} // namespace sgd::backends
