/** Names, regions and places the demo network is drawn from. Fictional people and groups. */

export const DEMO_REGIONS = [
  "eu-west",
  "eu-central",
  "us-east",
  "us-west",
  "sa-east",
  "ap-south",
  "ap-northeast",
  "af-south",
  "oceania",
] as const;

export type DemoRegion = (typeof DEMO_REGIONS)[number];

/** Airport-style place codes used in the node names of groups that run nodes in several places. */
export const DEMO_PLACES: Record<DemoRegion, readonly string[]> = {
  "eu-west": ["ams", "lon", "dub", "par", "lis", "mad"],
  "eu-central": ["fra", "ber", "waw", "vie", "prg", "sto"],
  "us-east": ["nyc", "iad", "atl", "bos", "yyz"],
  "us-west": ["sfo", "sea", "lax", "pdx", "yvr"],
  "sa-east": ["gru", "scl", "bog", "eze", "lim"],
  "ap-south": ["bom", "del", "blr", "sin", "cmb"],
  "ap-northeast": ["tyo", "sel", "osa", "tpe", "hkg"],
  "af-south": ["jnb", "cpt", "nbo", "los", "acc"],
  oceania: ["syd", "akl", "mel", "bne", "wlg"],
};

export const DEMO_PEOPLE: Record<DemoRegion, readonly string[]> = {
  "eu-west": [
    "Ana Ribeiro",
    "Joana Martins",
    "Pedro Costa",
    "Lucía Fernández",
    "Javier Morales",
    "Camille Laurent",
    "Théo Moreau",
    "Siobhán Murphy",
    "Ciarán Walsh",
    "Eleanor Hughes",
    "Oliver Bennett",
    "Daan de Vries",
    "Sanne Jansen",
    "Margot Dubois",
    "Inês Tavares",
    "Rory Gallagher",
  ],
  "eu-central": [
    "Tomasz Nowak",
    "Agnieszka Kowalska",
    "Lukas Müller",
    "Hannah Schmidt",
    "Jonas Becker",
    "Felix Wagner",
    "Petra Nováková",
    "Jakub Dvořák",
    "Zsófia Horváth",
    "Marek Wiśniewski",
    "Lena Hofer",
    "Matthias Keller",
    "Katarzyna Zielińska",
    "Emil Lindqvist",
    "Veronika Hájková",
  ],
  "us-east": [
    "Marcus Johnson",
    "Rachel Goldberg",
    "Tyrone Williams",
    "Emily Carter",
    "Daniel O'Brien",
    "Priscilla Nguyen",
    "Samuel Brooks",
    "Grace Kim",
    "Nathan Rivera",
    "Olivia Chen",
    "Isaiah Thompson",
    "Megan Sullivan",
    "Andre Baptiste",
    "Hannah Weiss",
  ],
  "us-west": [
    "Alex Morgan",
    "Jordan Lee",
    "Maya Patel",
    "Diego Hernández",
    "Hailey Park",
    "Trevor Anderson",
    "Sofia Ramirez",
    "Kai Nakamura",
    "Brianna Scott",
    "Cody Fischer",
    "Leilani Kahale",
    "Rosa Delgado",
    "Ethan Brooks-Whitfield",
  ],
  "sa-east": [
    "Thiago Almeida",
    "Mariana Souza",
    "Rafael Oliveira",
    "Camila Rojas",
    "Matías González",
    "Valentina López",
    "Gabriel Pereira",
    "Juliana Santos",
    "Sebastián Castro",
    "Florencia Díaz",
    "Andrés Muñoz",
    "Luana Carvalho",
    "Joaquín Herrera",
    "Bruna Teixeira",
  ],
  "ap-south": [
    "Priya Raman",
    "Arjun Mehta",
    "Kavya Iyer",
    "Rohan Desai",
    "Ananya Sharma",
    "Vikram Nair",
    "Nimali Perera",
    "Siti Rahman",
    "Wei Jie Tan",
    "Farhan Ahmed",
    "Deepa Krishnan",
    "Imran Qureshi",
    "Lakshmi Pillai",
    "Lan Nguyen",
  ],
  "ap-northeast": [
    "Kenji Watanabe",
    "Yuki Tanaka",
    "Haruto Sato",
    "Aiko Suzuki",
    "Min-jun Park",
    "Ji-woo Kim",
    "Seo-yeon Choi",
    "Chen Wei",
    "Li Na",
    "Mei Lin",
    "Hiroshi Kobayashi",
    "Takumi Ito",
    "Sora Yamamoto",
    "Hyun-woo Lim",
  ],
  "af-south": [
    "Sipho Dlamini",
    "Thandiwe Nkosi",
    "Amara Okafor",
    "Chinedu Eze",
    "Wanjiru Kamau",
    "Kwame Mensah",
    "Ama Owusu",
    "Zanele Mokoena",
    "Tendai Moyo",
    "Fatima Bello",
    "Kofi Boateng",
    "Naledi Khumalo",
    "Yaw Asante",
    "Nomvula Zulu",
  ],
  oceania: [
    "Aroha Ngata",
    "Tane Parata",
    "Charlotte Wilson",
    "Jack Thompson",
    "Mia Robinson",
    "Liam O'Connor",
    "Ruby Campbell",
    "Noah Mitchell",
    "Isla Walker",
    "Hamish MacDonald",
    "Sione Tupou",
    "Priya Singh-Taylor",
    "Ngaire Walker",
  ],
};

export interface DemoGroup {
  displayName: string;
  slug: string;
  region: DemoRegion;
  /** Regions the group runs nodes in, the home region first. */
  regions: readonly DemoRegion[];
}

/** Small community groups that run one to three nodes, listed among the people. */
export const DEMO_SMALL_GROUPS: readonly DemoGroup[] = [
  { displayName: "Riverside Library Makerspace", slug: "riverside", region: "us-east", regions: ["us-east"] },
  { displayName: "Quokka Net", slug: "quokka", region: "oceania", regions: ["oceania"] },
  { displayName: "Jozi Hackerspace", slug: "jozi", region: "af-south", regions: ["af-south"] },
  { displayName: "Hackerspace Kraków", slug: "hskrk", region: "eu-central", regions: ["eu-central"] },
  { displayName: "Freifunk Kiez", slug: "kiez", region: "eu-central", regions: ["eu-central"] },
  { displayName: "Student Net Coimbra", slug: "coimbra", region: "eu-west", regions: ["eu-west"] },
  { displayName: "Mesh Bogotá", slug: "meshbog", region: "sa-east", regions: ["sa-east"] },
  { displayName: "Valparaíso Libre", slug: "valpo", region: "sa-east", regions: ["sa-east"] },
  { displayName: "Kowloon Radio Club", slug: "kowloon", region: "ap-northeast", regions: ["ap-northeast"] },
  { displayName: "Pune Open Data Circle", slug: "pune", region: "ap-south", regions: ["ap-south"] },
  { displayName: "Cascadia Commons", slug: "cascadia", region: "us-west", regions: ["us-west"] },
  { displayName: "Otago Computing Society", slug: "otago", region: "oceania", regions: ["oceania"] },
];

/** Community groups and small hosts that run five to ten nodes. */
export const DEMO_MID_GROUPS: readonly DemoGroup[] = [
  { displayName: "Kestrel Co-op", slug: "kestrel", region: "eu-west", regions: ["eu-west", "eu-central"] },
  {
    displayName: "Tallgrass Mesh Collective",
    slug: "tallgrass",
    region: "us-west",
    regions: ["us-west", "us-east"],
  },
  { displayName: "Baobab Community Network", slug: "baobab", region: "af-south", regions: ["af-south"] },
  {
    displayName: "Nordlys Relay Association",
    slug: "nordlys",
    region: "eu-central",
    regions: ["eu-central", "eu-west"],
  },
  { displayName: "Sakura Seeders Club", slug: "sakura", region: "ap-northeast", regions: ["ap-northeast"] },
  { displayName: "Cerro Verde Cooperativa", slug: "cerroverde", region: "sa-east", regions: ["sa-east"] },
  { displayName: "Monsoon Relay Collective", slug: "monsoon", region: "ap-south", regions: ["ap-south"] },
];

/** The large cluster: one operator, many nodes, in two data-centre places. */
export const DEMO_LARGE_CLUSTER = {
  displayName: "LargeCorp Hosting",
  slug: "largecorp",
  region: "eu-central",
  places: [
    { region: "eu-central", place: "fra" },
    { region: "us-east", place: "iad" },
  ],
} as const satisfies {
  displayName: string;
  slug: string;
  region: DemoRegion;
  places: readonly { region: DemoRegion; place: string }[];
};

/** What people call the machines they run a node on at home or on a rented server. */
export const DEMO_PERSONAL_MACHINES = [
  "home-pi",
  "nas",
  "vps",
  "desktop",
  "attic",
  "seedbox",
  "nuc",
  "garage-pi",
  "office",
  "homelab",
  "media-box",
  "old-laptop",
] as const;
