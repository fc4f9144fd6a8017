#!/usr/bin/env python3
"""Build the tidings lexicon (lexicon/*.tsv) from open data and hand-curated files.

Usage:
    python3 tools/build_lexicon.py --shared ../shared/data --out lexicon/

Inputs (all under --shared, see each folder's README for origin and licence):
    countries/country-codes/country-codes.csv             ODC PDDL
    countries/factbook/*/*.json                           public domain / CC0
    countries/wikidata_country_aliases/country_aliases.csv MIT (labels CC0)
    countries/opensanctions_countrynames/data.yaml        MIT
    event_dictionaries/petrarch2/dictionaries/*.txt       MIT
    weapons/oewn/weapons_lexicon_oewn.tsv                 CC BY 4.0 + WordNet licence
and the hand-curated files in <out>/curated/ (original work, MIT OR Apache-2.0).

Not used on purpose: countries/mledoze_odbl (ODbL), countries/countryinfo (CC BY-SA),
weapons/oryx_derived_models (unlicensed upstream).

Python 3 standard library only. The output is deterministic for the same inputs.
"""

import argparse
import csv
import glob
import html
import json
import os
import re
import sys
import unicodedata
from collections import OrderedDict, defaultdict

# ---------------------------------------------------------------------------
# small helpers


def warn(msg):
    print("build_lexicon: " + msg, file=sys.stderr)


def norm_key(s):
    """Case-, accent- and punctuation-insensitive key for de-duplication."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("’", "'")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return s.strip()


def clean_text(s):
    """Factbook text: HTML entities and tags out, whitespace collapsed."""
    s = html.unescape(s or "")
    s = re.sub(r"<[^>]+>", " ", s)
    s = s.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def strip_parens(s):
    prev = None
    while prev != s:
        prev = s
        s = re.sub(r"\s*\([^()]*\)", "", s)
    return re.sub(r"\s+", " ", s).strip()


LATIN_OK = re.compile(r"^[A-Za-z0-9\u00C0-\u024F .,'’&/\-]+$")


def is_latin(s):
    return bool(LATIN_OK.match(s))


def read_tsv(path):
    """Read a lexicon-style TSV: '#' comment lines, a header row, tab-separated rows.
    Returns a list of (line_number, dict)."""
    rows = []
    header = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) > len(header):
                sys.exit("%s:%d: %d columns, header has %d" % (path, n, len(cells), len(header)))
            cells += [""] * (len(header) - len(cells))
            rows.append((n, dict(zip(header, [c.strip() for c in cells]))))
    return rows


def write_tsv(path, comments, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for c in comments:
            f.write("# " + c + "\n" if c else "#\n")
        f.write("\t".join(header) + "\n")
        for r in rows:
            cells = [str(r.get(h, "")) for h in header]
            for c in cells:
                if "\t" in c or "\n" in c:
                    raise ValueError("tab or newline in cell: %r" % c)
            f.write("\t".join(cells) + "\n")
    return len(rows)


# ---------------------------------------------------------------------------
# states

KIND_RANK = {"name": 0, "short": 1, "alt": 2, "capital": 3, "metonym": 4,
             "government": 5, "adjective": 6, "demonym": 7, "block": 8,
             "city": 9}

# FIPS (Factbook GEC) codes that country-codes.csv does not map.
EXTRA_FIPS = {"RI": "SRB", "KV": "XKX"}

# Short aliases (<= 3 characters or all caps <= 4) that are precise enough in news text.
SHORT_OK = {"US", "USA", "U.S.", "UK", "U.K.", "UAE", "DRC", "PRC", "ROK", "DPRK", "KSA",
            "U.S.A.", "U.A.E.", "BiH", "FSM", "RMI", "PNG", "NZ"}

# Wikidata/OpenSanctions aliases that are not English, poetic, or too ambiguous.
ALIAS_DENY = {
    "Island", "Holy Land", "Land of the Rising Sun", "Heart of South America",
    "Land of Thousand Lakes", "Hibernia", "Hindustan", "Bharat", "Bharatvarsh", "Naija",
    "Mann", "Manx", "Lisia", "Maurice", "Moris", "Serendib", "Taprobane", "Tiquisia",
    "Jamdung", "Hellas", "Italia", "Nippon", "Nihon", "White Russia", "White Ruthenia",
    "Estland", "Finnland", "Finnia", "Finlande", "Finlandia", "Suomi", "Norge", "Noreg",
    "Danmark", "Polska", "Eesti", "Latvija", "Lietuva", "Brasil", "España", "Schweiz",
    "Suisse", "Svizzera", "Österreich", "Nederland", "Sverige", "Deutschland", "Ayiti",
    "Hayti", "Pelew", "Belau", "Naoero", "Aotearoa", "Rossiya", "Rossija", "Zhongguo",
    "Misr", "Kampuchea", "Kambodzha", "Campuchia", "Camboya", "Kamboja", "Qazaqstan",
    "Kirgizia", "Ellan Vannin", "Centrafrique", "Marocco", "Maroc", "Moçambique",
    "Great Britain Guernsey", "metropolitan Denmark", "Denmark proper", "Eire", "Éire",
    "La France", "Islamic Rep. Iran", "Dem. Rep. Korea", "Rep. Korea", "Rep. Congo",
    "Dem. Rep. Congo", "Arab Rep. Egypt", "Fed. Sts. of Micronesia", "Fed. Sts. Micronesia",
    "Holy See", "Republic of Great Han", "The Republic of Great Han", "Daehan Minguk",
    "Emirates", "the Emirates", "America", "Columbia", "Georgia", "Jordan", "Chad", "Niger",
    "Congo", "Korea", "Turkey", "Guinea", "Dominica", "Samoa", "Mali", "Oman", "Peru",
    "Cuba", "Togo", "Malta", "Panama", "Mexico", "Kuwait", "Monaco", "Singapore",
    "Luxembourg", "Djibouti", "Guatemala", "San Marino", "Grenada", "Nauru",
    "Chechnya", "Chechen", "Dagestan", "Dagestani", "Siberia", "Siberian", "Moscow",
    "Republic of Tatarstan", "Chechen Republic", "Chechen Republic of Ichkeria",
    "Russian Empire", "Soviet Union", "USSR",
}

# Words of official names that say nothing about which state is meant.
GENERIC_NAME_WORDS = set("""Republic Republics of the The Democratic People's Federation
Federal Kingdom State States United Islamic Arab Socialist Union Commonwealth
Principality Sultanate Grand Duchy Emirates Plurinational Bolivarian Cooperative
Independent Territory Islands Island and Empire National Nation Armed Forces Defense
Defence Army Military Federative Hashemite Oriental Democratic Popular Great""".split())

ACRONYM_DENY = {"RCAF"}

# Names that must go to one state when several claim them.
CONFLICT_OVERRIDE = {"Congo": "COD", "Congolese": "COD", "Korean": "KOR", "Koreans": "KOR",
                     "Dutch": "NLD", "British": "GBR", "American": "USA", "Americans": "USA",
                     "Chinese": "CHN", "French": "FRA", "Danish": "DNK", "Norwegian": "NOR",
                     "Australian": "AUS", "New Zealander": "NZL", "Greek": "GRC",
                     "Turkish": "TUR", "Serbian": "SRB", "Serb": "SRB", "Serbs": "SRB",
                     "Israeli": "ISR", "Palestinian": "PSE", "Moroccan": "MAR",
                     "Sahrawi": "ESH", "Cypriot": "CYP", "Finnish": "FIN",
                     "Portuguese": "PRT", "Spanish": "ESP", "Italian": "ITA",
                     "Jerusalem": "ISR", "Guinean": "GIN", "Samoan": "WSM",
                     "Dominican": "DOM", "Virgin Islander": "VIR", "Irish": "IRL",
                     "Swiss": "CHE", "Russian": "RUS", "Indian": "IND"}

# Capitals too ambiguous to match without a flag.
CAPITAL_AMBIGUOUS = {"Washington", "Victoria", "Kingston", "Georgetown", "Santiago",
                     "Hamilton", "Wellington", "Male", "Lima", "Nassau", "Castries",
                     "Roseau", "Saint John's", "Jerusalem", "Brussels", "Sanaa",
                     "San Jose", "San José", "Praia", "Valletta", "Plymouth", "Jamestown",
                     "Avarua", "Tripoli", "Kingstown", "Bridgetown", "Belmopan", "Apia",
                     "Vaduz", "Port Louis", "Mexico", "Panama", "Kuwait", "Singapore",
                     "Monaco", "Luxembourg", "Djibouti", "Guatemala", "San Marino",
                     "Vatican City", "Andorra la Vella", "Melekeok", "Basseterre",
                     "Charlotte Amalie", "Road Town", "The Valley", "Saint George's",
                     "Saint Helier", "Saint Peter Port", "Douglas", "Oranjestad",
                     "Philipsburg", "Willemstad", "Nuku'alofa", "Majuro", "Victoria",
                     }


def parse_nationality(s):
    """'Russian(s)' -> ['Russian', 'Russians']; handles 'or', ',', ';', '/'."""
    s = clean_text(s)
    s = re.sub(r"\((?:singular|plural|singular and plural|US citizens|US nationals|"
               r"collective plural|[^)]*citizens[^)]*)\)", "", s, flags=re.I)
    out = []
    for part in re.split(r",|;| or |/| and ", s):
        part = part.strip()
        if not part or part.lower() in ("none", "na", "note"):
            continue
        if part.lower().startswith("note"):
            continue
        m = re.match(r"^(.*?)\((s|es|men|women)\)$", part)
        if m:
            base = m.group(1).strip()
            out.append(base)
            suf = m.group(2)
            if suf in ("s", "es"):
                out.append(base + suf)
            elif base.endswith("man") and suf == "men":
                out.append(base[:-3] + "men")
            elif base.endswith("woman") and suf == "women":
                out.append(base[:-5] + "women")
            continue
        part = strip_parens(part)
        if part:
            out.append(part)
    return [p for p in out if is_latin(p) and len(p) > 2 and p[0].isupper()]


def load_country_codes(shared):
    path = os.path.join(shared, "countries/country-codes/country-codes.csv")
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    info = {}
    fips = dict(EXTRA_FIPS)
    for r in rows:
        iso = r["ISO3166-1-Alpha-3"].strip()
        if not iso:
            continue
        info[iso] = r
        f = r["FIPS"].strip()
        if f:
            fips[f] = iso
    return info, fips


class StateTable:
    def __init__(self):
        self.rows = OrderedDict()  # (id, text) -> dict(kind, flags:set, source)

    def add(self, sid, kind, text, source, flags=()):
        text = re.sub(r"\s+", " ", text).strip()
        if not text:
            return
        key = (sid, text)
        cur = self.rows.get(key)
        if cur is None:
            self.rows[key] = {"id": sid, "kind": kind, "text": text,
                              "flags": set(flags), "source": source}
        else:
            if KIND_RANK[kind] < KIND_RANK[cur["kind"]]:
                cur["kind"] = kind
            cur["flags"] |= set(flags)
            have = cur["source"].split("+")
            for part in source.split("+"):
                if part not in have:
                    have.append(part)
            cur["source"] = "+".join(have)


def build_states(shared, curated_dir):
    info, fips = load_country_codes(shared)
    st = StateTable()
    factbook = {}
    for path in sorted(glob.glob(os.path.join(shared, "countries/factbook/*/*.json"))):
        gec = os.path.basename(path)[:-5].upper()
        iso = fips.get(gec)
        if not iso:
            continue
        factbook[iso] = json.load(open(path, encoding="utf-8"))

    def field(d, *keys):
        for k in keys:
            if not isinstance(d, dict):
                return ""
            d = d.get(k)
        if isinstance(d, dict):
            d = d.get("text", "")
        return clean_text(d) if isinstance(d, str) else ""

    # canonical names and official forms from country-codes + Factbook
    for iso, r in sorted(info.items()):
        fb = factbook.get(iso, {})
        short = field(fb, "Government", "Country name", "conventional short form")
        longf = field(fb, "Government", "Country name", "conventional long form")
        cldr = r["CLDR display name"].strip()
        names = []
        if short and short.lower() != "none":
            for s in re.split(r";", short):
                names.append(strip_parens(s))
        if cldr and " - " not in cldr:
            names.append(cldr)
        off = r["official_name_en"].strip()
        if off and "(" not in off and "," not in off:
            names.append(off)
        uns = re.sub(r"\s*\*$", "", r["UNTERM English Short"].strip())
        uns = re.sub(r"\s*\(the\)$", "", uns)
        if uns and "(" not in uns and "," not in uns:
            names.append(uns)
        unf = re.sub(r"\s*\*$", "", r["UNTERM English Formal"].strip())
        unf = re.sub(r"^the ", "", unf)
        if unf and "(" not in unf:
            names.append(unf)
        if longf and longf.lower() != "none":
            for s in longf.split(";"):
                s = strip_parens(s)
                if s and not s.lower().startswith("note"):
                    names.append(re.sub(r"^The ", "", s))
        names = [n for n in names if n and is_latin(n) and (len(n) > 3 or n in SHORT_OK)]
        if not names:
            continue
        st.add(iso, "name", names[0], "factbook" if short else "country-codes")
        for n in names[1:]:
            st.add(iso, "alt" if len(n.split()) > 2 else "short", n,
                   "factbook+country-codes")
        abbr = field(fb, "Government", "Country name", "abbreviation")
        for a in re.split(r",| or |\(|\)", abbr):
            a = a.strip()
            if a and (a in SHORT_OK or len(a) >= 3) and a.isupper():
                st.add(iso, "short", a, "factbook",
                       [] if (a in SHORT_OK or len(a) >= 4) else ["ambiguous"])
        former = field(fb, "Government", "Country name", "former")
        if former and former.lower() != "none":
            for s in former.split(","):
                s = strip_parens(s).strip()
                if len(s) > 4 and is_latin(s) and "/" not in s:
                    st.add(iso, "alt", s, "factbook", ["former"])
        noun = field(fb, "People and Society", "Nationality", "noun")
        adj = field(fb, "People and Society", "Nationality", "adjective")
        for a in parse_nationality(adj):
            st.add(iso, "adjective", a, "factbook")
        for a in parse_nationality(noun):
            st.add(iso, "demonym", a, "factbook")
        cap = field(fb, "Government", "Capital", "name")
        caps = []
        if cap and cap.lower() not in ("none", "no official capital"):
            for c in re.split(r";|,", strip_parens(cap)):
                c = c.strip()
                if c and not c.lower().startswith("note") and is_latin(c):
                    caps.append(c)
        if not caps and r["Capital"].strip():
            caps.append(r["Capital"].strip())
        indep = r["is_independent"].strip() == "Yes"
        for c in caps[:1]:
            if len(c) < 3:
                continue
            fl = ["ambiguous"] if (c in CAPITAL_AMBIGUOUS or not indep) else []
            st.add(iso, "capital", c, "factbook" if cap else "country-codes", fl)
        # armed forces names: the first block of "Military and security forces"
        mil = ""
        ms = fb.get("Military and Security", {}).get("Military and security forces", {})
        if isinstance(ms, dict):
            mil = html.unescape(ms.get("text", ""))
        first = re.split(r"<br>", mil)[0] if mil else ""
        first = re.sub(r"<[^>]+>", " ", first)
        m = re.match(r"^([A-Z][^:(]{3,80}?)\s*(\(([^)]*)\))?\s*:", first)
        if m:
            main = m.group(1).strip()
            country_words = {w for (i2, t), row in st.rows.items() if i2 == iso
                             for w in t.split() if w[:1].isupper()}
            country_words -= GENERIC_NAME_WORDS
            if any(w in country_words for w in main.split()) and len(main.split()) >= 2:
                st.add(iso, "government", main, "factbook")
            for p in re.split(r";|,| or ", m.group(3) or ""):
                p = p.strip()
                if p.startswith("aka "):
                    p = p[4:].strip()
                    if len(p.split()) >= 2 and is_latin(p) and \
                            any(w in country_words for w in p.split()):
                        st.add(iso, "government", p, "factbook")
                elif re.fullmatch(r"[A-Z]{4,6}", p) and p not in ACRONYM_DENY:
                    st.add(iso, "government", p, "factbook")

    # Wikidata English labels
    path = os.path.join(shared, "countries/wikidata_country_aliases/country_aliases.csv")
    official_foreign = defaultdict(set)
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    for r in rows:
        if r["language"] != "en" and r["label_type"] == "official":
            official_foreign[r["iso3c"]].add(r["label"])
    for r in rows:
        if r["language"] != "en":
            continue
        iso, label = r["iso3c"], r["label"].strip()
        if iso not in info or not label or not is_latin(label):
            continue
        if label in ALIAS_DENY or label.lower() == label:
            continue
        if "," in label or "(" in label:
            continue
        bare = re.sub(r"^the ", "", label)
        if bare != label and len(bare.split()) == 1 and not any(
                t == bare for (i2, t) in st.rows if i2 == iso):
            bare = label
        vocab = {w for (i2, t) in st.rows if i2 == iso for w in t.split()}
        if len(bare.split()) > 1 and not all(
                w in vocab or w in GENERIC_NAME_WORDS or w in ("of", "the", "and")
                for w in bare.split()):
            continue
        if (len(bare) <= 3 or (bare.isupper() and len(bare) <= 4)) and bare not in SHORT_OK:
            continue
        if label in official_foreign[iso] and not any(
                t == label for (i2, t) in st.rows if i2 == iso):
            continue  # a foreign-language label
        st.add(iso, "alt" if r["label_type"] == "alias" else "short", bare, "wikidata")

    # OpenSanctions: English multiword variants that contain a known name word
    path = os.path.join(shared, "countries/opensanctions_countrynames/data.yaml")
    iso2 = {r["ISO3166-1-Alpha-2"].strip(): iso for iso, r in info.items()
            if r["ISO3166-1-Alpha-2"].strip()}
    cur = None
    fail = set()
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.match(r'^"?([A-Za-z-]+)"?:\s*$', line)
        if m:
            cur = m.group(1)
            continue
        m = re.match(r'^\s+-\s+"?(.*?)"?\s*$', line)
        if not m or cur is None:
            continue
        v = m.group(1).strip()
        if cur == "FAIL":
            fail.add(v.lower())
            continue
        iso = iso2.get(cur)
        if not iso or not is_latin(v) or "," in v or "(" in v or v.lower() == v:
            continue
        if v.lower() in fail or v in ALIAS_DENY or len(v.split()) < 2:
            continue
        words = {w for (i2, t), row in st.rows.items() if i2 == iso
                 and row["kind"] in ("name", "short") for w in t.split() if len(w) > 3}
        if not any(w in words for w in v.split()):
            continue
        vocab = {w for (i2, t) in st.rows if i2 == iso for w in t.split()}
        if not all(w in vocab or w in GENERIC_NAME_WORDS or w in ("of", "the", "and")
                   for w in v.split()):
            continue
        if not re.fullmatch(r"[A-Z][A-Za-z'’.\- ]+", v):
            continue
        if any(w.isupper() and len(w) > 1 for w in v.split()):
            continue
        st.add(iso, "alt", v, "opensanctions")

    # curated rows: drops first, then additions (curated kind and flags win)
    for n, r in read_tsv(os.path.join(curated_dir, "states.tsv")):
        flags = {f for f in r.get("flags", "").split(",") if f}
        key = (r["id"], r["text"])
        if "drop" in flags:
            if key in st.rows and st.rows[key]["kind"] == r["kind"]:
                st.rows.pop(key)
            continue
        if r["kind"] not in KIND_RANK:
            sys.exit("curated/states.tsv:%d: unknown kind %r" % (n, r["kind"]))
        if r["kind"] == "name":
            for k in [k for k, v in st.rows.items() if k[0] == r["id"] and v["kind"] == "name"]:
                st.rows[k]["kind"] = "short"
        if key in st.rows:
            # a curated kind wins, but never demotes the canonical name
            if not (st.rows[key]["kind"] == "name" and r["kind"] != "name"):
                st.rows[key]["kind"] = r["kind"]
            st.rows[key]["flags"] = flags | (st.rows[key]["flags"] - {"ambiguous"})
            if "ambiguous" in flags:
                st.rows[key]["flags"].add("ambiguous")
            if not st.rows[key]["source"].startswith("hand"):
                st.rows[key]["source"] = "hand+" + st.rows[key]["source"]
        else:
            st.rows[key] = {"id": r["id"], "kind": r["kind"], "text": r["text"],
                            "flags": flags, "source": "hand"}

    # one text, several states: resolve
    by_text = defaultdict(list)
    for (sid, text), row in st.rows.items():
        if sid != "-":
            by_text[text].append(row)
    for text, cands in by_text.items():
        ids = {c["id"] for c in cands}
        if len(ids) < 2:
            continue
        if text in CONFLICT_OVERRIDE:
            keep = CONFLICT_OVERRIDE[text]
        else:
            hand = [c for c in cands if c["source"].startswith("hand")]
            if len(hand) >= 1 and len({c["id"] for c in hand}) == 1:
                keep = hand[0]["id"]
            else:
                def score(c):
                    indep = info.get(c["id"], {}).get("is_independent", "") == "Yes"
                    return (KIND_RANK[c["kind"]], 0 if indep else 1)
                best = sorted(cands, key=score)
                if score(best[0]) == score(best[1]):
                    warn("states: %r claimed by %s; kept %s" %
                         (text, sorted(ids), best[0]["id"]))
                keep = best[0]["id"]
        for c in cands:
            if c["id"] != keep:
                st.rows.pop((c["id"], text), None)

    # every state needs exactly one canonical name
    names = defaultdict(list)
    for row in st.rows.values():
        if row["kind"] == "name":
            names[row["id"]].append(row)
    for sid, rs in names.items():
        for r in rs[1:]:
            r["kind"] = "short"

    out = sorted(st.rows.values(),
                 key=lambda r: (r["id"] == "-", r["id"], KIND_RANK[r["kind"]], r["text"]))
    for r in out:
        r["flags"] = ",".join(sorted(r["flags"]))
    return out, factbook, info


# ---------------------------------------------------------------------------
# people

TITLE_WORDS = set("""
President Prime Minister Premier King Queen Chancellor Supreme Leader State Affairs
Commission People's Assembly Emperor Emir Amir Sultan Crown Prince Princess Grand Duke
Duchess Vice Chairman Chairwoman Chair General Governor Governor-General Interim
Transitional Acting Federal Council Head Chief of the Sovereign Sovereignty Presidential
Captain Captains Regent Co-Prince Co-Princes Pope Secretary Lieutenant Colonel Field
Marshal Brigadier Major Admiral Commander Military Junta Executive Dr. Sheikh Shaykh
Taoiseach Mayor First Deputy Senior Lord Sir Dame Bishop Archbishop Cardinal
Administrator Commissioner Lieutenant-General Ruler Holy Father Councillor Presiding
Officer Speaker Vice-President National Revolutionary Guide Paramount Yang di-Pertuan
Agong Presidium Director Defense Defence Foreign Interior Affairs Russian Chinese
American British Ukrainian Iranian Israeli Korean Japanese French German U.S. UN
Spokesman Spokeswoman Ambassador Mr. Mrs. Ms. Gen. Lt. Col. Maj. Adm. Sen. Rep.
Justice Party Communist Central Committee Mohamed Mohammed Abdel Co-prince Co-Prince
Prefect Capt. Archbishop and Maj. Gen. Col. Brig. Lt. Gen Lt.Gen. Brig.Gen. Field-Marshal
Sheikha Shaikh His Her Majesty Highness Excellency Tuimalealiifano Ao
""".split()) - {"Mohamed", "Mohammed", "Abdel"}

PARTICLES = {"al", "el", "bin", "ibn", "bint", "de", "da", "del", "della", "di", "du",
             "des", "dos", "das", "van", "von", "der", "den", "la", "le", "y", "of", "the",
             "and", "for", "in", "on", "at", "to", "an", "ad", "ud", "wa", "wal", "e"}


def title_word(w, first):
    if not w:
        return w
    if "-" in w and not w.startswith("-"):
        parts = w.split("-")
        out = [title_word(p, first and i == 0) for i, p in enumerate(parts)]
        return "-".join(out)
    lw = w.lower()
    if lw in PARTICLES:
        return lw
    if re.fullmatch(r"[IVX]+", w) and len(w) <= 4:
        return w
    if any(ch.isdigit() for ch in w) or ("." in w and len(w) <= 5):
        return w.upper() if "." in w else w
    if lw.startswith("mc") and len(w) > 3:
        return "Mc" + lw[2].upper() + lw[3:]
    if lw.startswith("o'") and len(w) > 2:
        return "O'" + lw[2].upper() + lw[3:]
    if "'" in lw:
        i = lw.index("'")
        return lw[:1].upper() + lw[1:i + 1] + lw[i + 1:]
    return lw[:1].upper() + lw[1:]


def phoenix_name(token):
    """VLADIMIR_PUTIN_ -> 'Vladimir Putin' (a leading 'THE_' dropped)."""
    token = token.strip().rstrip("_").strip()
    token = re.sub(r"^THE_", "", token)
    token = re.sub(r"\([^)]*\)", "", token)
    words = [w for w in token.replace("_", " ").split() if w]
    return " ".join(title_word(w, i == 0) for i, w in enumerate(words))


def inflect_verb(lemma, extra):
    """Regular inflections of a (possibly multiword) verb; 'extra' irregular forms
    suppress the regular -ed / -ing forms they replace."""
    head, _, rest = lemma.partition(" ")
    rest = (" " + rest) if rest else ""
    forms = [lemma]
    has_ed = any(f.split(" ")[0].endswith(("ed", "en")) or f in IRREGULAR_PAST.get(head, ())
                 for f in extra)
    has_ing = any(f.split(" ")[0].endswith("ing") for f in extra)
    w = head
    last = w.split("-")[-1]
    if re.search(r"(s|x|z|ch|sh|o)$", w):
        s3 = w + "es"
    elif re.search(r"[^aeiou]y$", w):
        s3 = w[:-1] + "ies"
    else:
        s3 = w + "s"
    double = bool(re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", last))
    if w.endswith("ee"):
        ed, ing = w + "d", w + "ing"
    elif w.endswith("ie"):
        ed, ing = w + "d", w[:-2] + "ying"
    elif w.endswith("e"):
        ed, ing = w + "d", w[:-1] + "ing"
    elif re.search(r"[^aeiou]y$", w):
        ed, ing = w[:-1] + "ied", w + "ing"
    elif double:
        ed, ing = w + w[-1] + "ed", w + w[-1] + "ing"
    else:
        ed, ing = w + "ed", w + "ing"
    forms.append(s3 + rest)
    if not has_ed and head not in IRREGULAR_PAST:
        forms.append(ed + rest)
    if not has_ing:
        forms.append(ing + rest)
    for p in IRREGULAR_PAST.get(head, ()):
        forms.append(p + rest)
    forms.extend(extra)
    seen = []
    for f in forms:
        if f and f not in seen:
            seen.append(f)
    return seen


IRREGULAR_PAST = {"hit": ("hit",), "send": ("sent",), "sell": ("sold",), "buy": ("bought",),
                  "seek": ("sought",), "give": ("gave", "given"), "strike": ("struck",),
                  "shoot": ("shot",), "lend": ("lent",), "freeze": ("froze", "frozen"),
                  "tell": ("told",), "say": ("said",), "write": ("wrote", "written"),
                  "think": ("thought",), "show": ("showed", "shown"), "hand": (),
                  "lead": ("led",), "make": ("made",), "take": ("took", "taken"),
                  "win": ("won",), "plead": ("pleaded", "pled"),
                  "set": ("set",), "put": ("put",)}


NO_PLURAL = {"aircraft", "sarin", "soman", "tabun", "gas", "ammunition", "weaponry",
             "equipment", "materiel", "hardware", "artillery", "personnel", "B", "cyclosarin",
             "mustard", "agent orange", "anthrax"}
MAN_PLURAL = {"serviceman", "airman", "crewman", "gunman", "militiaman", "rifleman",
              "frogman", "marksman"}


def pluralize(phrase):
    """Plural of the last word, or None for mass nouns."""
    words = phrase.split(" ")
    w = words[-1]
    if w in NO_PLURAL or w.lower() in NO_PLURAL or re.fullmatch(r"[A-Z]", w):
        return None
    if re.search(r"(s|x|z|ch|sh)$", w):
        p = w + "es"
    elif re.search(r"[^aeiou]y$", w):
        p = w[:-1] + "ies"
    elif w in MAN_PLURAL:
        p = w[:-3] + "men"
    elif w in ("torpedo",):
        p = w + "es"
    else:
        p = w + "s"
    return " ".join(words[:-1] + [p])


def parse_phoenix_actor_file(path):
    """Blocks of NAME [codes] / +ALIAS / codes-on-own-line."""
    blocks = []
    cur = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            codes = re.findall(r"\[([^\]]+)\]", line)
            text = re.sub(r"\[[^\]]*\]", "", line).strip()
            if line[0] == "+":
                if cur is not None:
                    if text[1:].strip():
                        cur["aliases"].append(text[1:].strip())
                    cur["codes"] += codes
            elif line[0] in " \t[":
                if cur is not None:
                    cur["codes"] += codes
            else:
                cur = {"name": text, "aliases": [], "codes": codes}
                blocks.append(cur)
    return blocks


def phoenix_code_info(code):
    """'RUSGOV >080508' -> ('RUS', 'GOV', start_year, open_ended)."""
    code = code.strip()
    m = re.match(r"^([A-Z]{3})([A-Z]*)\s*(?:(>)?(\d{6,8}))?(?:-(\d{6,8}))?$", code)
    if not m:
        return None
    start = m.group(4)
    year = None
    if start:
        y = int(start[:4]) if len(start) == 8 else int(start[:2])
        year = y if y > 1900 else (2000 + y if y < 50 else 1900 + y)
    return m.group(1), m.group(2), year, bool(m.group(3))


def factbook_leaders(factbook):
    out = []
    for iso, fb in sorted(factbook.items()):
        ex = fb.get("Government", {}).get("Executive branch", {})
        for role_key in ("chief of state", "head of government"):
            t = ex.get(role_key, {})
            t = html.unescape(t.get("text", "") if isinstance(t, dict) else "")
            t = re.sub(r"<[^>]+>", ";", t)
            for seg in re.split(r";|\brepresented by\b", t):
                seg = seg.strip()
                m = re.match(r"^(.*?)\s*\((?:since|from)\b", seg)
                if not m:
                    continue
                toks = m.group(1).replace(",", " ").split()
                caps = [i for i, w in enumerate(toks)
                        if re.fullmatch(r"(?:[A-Z][a-z'’]+-)?[A-Z][A-Z'’\-]+", w)
                        and len(w.split("-")[-1]) >= 2 and w not in ("US", "UK", "UN")]
                if not caps:
                    continue
                i = caps[0]
                start = i
                while start > 0 and toks[start - 1] not in TITLE_WORDS and \
                        toks[start - 1][:1].isupper():
                    start -= 1
                name_toks = toks[start:]
                if not name_toks or len(name_toks) > 6:
                    continue
                title = " ".join(toks[:start])
                name = " ".join(title_word(w, k == 0) if w.isupper() or
                                re.search(r"-[A-Z]{2,}", w) else w
                                for k, w in enumerate(name_toks))
                name = re.sub(r"(?<=-)([A-Z])([A-Z]+)",
                              lambda mm: mm.group(1) + mm.group(2).lower(), name)
                if not is_latin(name) or len(name.split()) < 2:
                    continue
                aliases = []
                if len(name_toks) >= 3 and caps[-1] == len(toks) - 1 and start < caps[0] \
                        and not any(w.lower() in PARTICLES for w in name_toks):
                    aliases.append(name.split()[0] + " " + name.split()[-1])
                out.append({"name": name, "state": iso,
                            "role": ("%s (%s)" % (title, role_key)).strip(),
                            "aliases": aliases, "flags": "", "org": "",
                            "source": "factbook"})
    return out


def build_people(shared, curated_dir, factbook, state_ids, taken_forms):
    people = OrderedDict()
    index = {}

    def add_index(p):
        for f in [p["name"]] + p["aliases"]:
            index.setdefault(norm_key(f), p["name"])

    for n, r in read_tsv(os.path.join(curated_dir, "people.tsv")):
        flags = {f for f in r.get("flags", "").split(",") if f}
        aliases = [a.strip() for a in r.get("aliases", "").split("|") if a.strip()]
        for a in aliases:
            if len(a.split()) == 1 and "surname_ok" not in flags and not a.isupper():
                sys.exit("curated/people.tsv:%d: one-word alias %r needs surname_ok" % (n, a))
        if r["state"] and r["state"] not in state_ids:
            sys.exit("curated/people.tsv:%d: unknown state %r" % (n, r["state"]))
        p = {"name": r["name"], "state": r["state"], "role": r["role"],
             "aliases": aliases, "flags": ",".join(sorted(flags)), "org": r.get("org", ""),
             "source": "hand"}
        people[p["name"]] = p
        add_index(p)

    for p in factbook_leaders(factbook):
        keys = [norm_key(p["name"])] + [norm_key(a) for a in p["aliases"]]
        hit = next((index[k] for k in keys if k in index), None)
        if hit:
            q = people[hit]
            for a in [p["name"]] + p["aliases"]:
                if norm_key(a) not in {norm_key(x) for x in [q["name"]] + q["aliases"]}:
                    q["aliases"].append(a)
            if "factbook" not in q["source"]:
                q["source"] += "+factbook"
            continue
        if p["name"] in people:
            continue
        people[p["name"]] = p
        add_index(p)

    # Phoenix: aliases for known people; new people only with an open-ended
    # government/military role that started in 2012 or later.
    path = os.path.join(shared, "event_dictionaries/petrarch2/dictionaries/"
                        "Phoenix.Countries.actors.txt")
    for b in parse_phoenix_actor_file(path):
        name = phoenix_name(b["name"])
        if not name or len(name.split()) < 2 or not is_latin(name):
            continue
        if re.search(r"\b(Jaysh|Jaish|Army|Brigades?|Forces?|Front|Party|Movement|Council|"
                     r"Ministry|Committee|Group|Union|Organi[sz]ation)\b", name):
            continue
        forms = [name] + [phoenix_name(a) for a in b["aliases"]
                          if re.fullmatch(r"[A-Z0-9_.'\-]+", a.strip())]
        forms = [f for f in forms if len(f.split()) >= 2 and is_latin(f)
                 and any(w not in TITLE_WORDS and w.lower() not in PARTICLES
                         for w in f.split())]
        hit = next((index[norm_key(f)] for f in forms if norm_key(f) in index), None)
        if hit:
            q = people[hit]
            known = {norm_key(x) for x in [q["name"]] + q["aliases"]}
            for f in forms:
                k = norm_key(f)
                if k not in known and k not in taken_forms and f.split()[-1] == \
                        q["name"].split()[-1]:
                    q["aliases"].append(f)
                    known.add(k)
            if "phoenix" not in q["source"]:
                q["source"] += "+phoenix"
            continue
        best = None
        for code in b["codes"]:
            ci = phoenix_code_info(code)
            if not ci:
                continue
            st, sector, year, open_ended = ci
            if st in state_ids and open_ended and year and 2012 <= year <= 2026 and \
                    sector[:3] in ("GOV", "MIL", "SPY"):
                best = (st, sector, year)
        if not best:
            continue
        if norm_key(name) in taken_forms:
            continue
        role = {"GOV": "government", "MIL": "military", "SPY": "intelligence"}[best[1][:3]]
        p = {"name": name, "state": best[0], "role": "%s (since %d, per Phoenix 2014)" %
             (role, best[2]), "aliases": [f for f in forms[1:] if norm_key(f) not in
                                          taken_forms and norm_key(f) != norm_key(name)],
             "flags": "", "org": "", "source": "phoenix"}
        people[name] = p
        add_index(p)

    # a form claimed by two people is dropped from the non-curated one
    owners = defaultdict(list)
    for p in people.values():
        for f in [p["name"]] + p["aliases"]:
            owners[norm_key(f)].append(p)
    for k, ps in owners.items():
        if len(ps) > 1:
            for p in ps:
                if p["source"].startswith("hand"):
                    continue
                p["aliases"] = [a for a in p["aliases"] if norm_key(a) != k]
    out = []
    for p in people.values():
        seen, al = {p["name"]}, []
        for a in p["aliases"]:
            if a not in seen:
                seen.add(a)
                al.append(a)
        out.append(dict(p, aliases="|".join(al)))
    return out


# ---------------------------------------------------------------------------
# organisations


def build_orgs(shared, curated_dir, state_ids, taken_forms):
    orgs = OrderedDict()
    known = set()
    for n, r in read_tsv(os.path.join(curated_dir, "organizations.tsv")):
        if r["kind"] not in ("igo", "armed_group", "media", "company", "ngo", "group"):
            sys.exit("curated/organizations.tsv:%d: unknown kind %r" % (n, r["kind"]))
        for m in [x for x in r.get("members", "").split("|") if x]:
            if m not in state_ids:
                sys.exit("curated/organizations.tsv:%d: unknown member %r" % (n, m))
        aliases = [a for a in r.get("aliases", "").split("|") if a]
        orgs[r["id"]] = dict(r, aliases=aliases, source="hand")
        for f in [r["name"]] + aliases:
            known.add(norm_key(f))
    base = os.path.join(shared, "event_dictionaries/petrarch2/dictionaries")
    # non-state armed groups (Phoenix.MilNonState.actors.txt)
    for b in parse_phoenix_actor_file(os.path.join(base, "Phoenix.MilNonState.actors.txt")):
        name = phoenix_name(b["name"])
        forms = [name] + [phoenix_name(a) for a in b["aliases"] if "+" not in a]
        forms = [f for f in forms if f and len(f.split()) >= 2 and is_latin(f)
                 and len(f) <= 80]
        if not forms or any(norm_key(f) in known for f in forms):
            continue
        forms = [f for f in forms if norm_key(f) not in taken_forms]
        if not forms:
            continue
        country = ""
        for c in b["codes"]:
            ci = phoenix_code_info(c)
            if ci and ci[0] in state_ids:
                country = ci[0]
                break
        oid = forms[0]
        if oid in orgs:
            continue
        flags = "ambiguous" if len(oid.split()) <= 2 else ""
        orgs[oid] = {"id": oid, "kind": "armed_group", "name": oid, "aliases": forms[1:],
                     "members": "", "country": country, "flags": flags, "source": "phoenix"}
        for f in forms:
            known.add(norm_key(f))
    # intergovernmental organisations (Phoenix.International.actors.txt, IGO codes)
    for b in parse_phoenix_actor_file(os.path.join(base, "Phoenix.International.actors.txt")):
        if not any(c.strip().startswith("IGO") for c in b["codes"]):
            continue
        name = phoenix_name(b["name"])
        forms = [name] + [phoenix_name(a) for a in b["aliases"] if "+" not in a]
        forms = [f for f in forms if f and len(f.split()) >= 3 and is_latin(f)
                 and len(f) <= 100 and not re.search(r"\d", f)]
        forms = [f for f in forms if not any(w in ("Secretary", "Secretary-General",
                                                     "Chief", "Director", "President")
                                             for w in f.split())]
        if not forms or any(norm_key(f) in known for f in forms):
            continue
        forms = [f for f in forms if norm_key(f) not in taken_forms]
        if not forms:
            continue
        oid = forms[0]
        if oid in orgs:
            continue
        orgs[oid] = {"id": oid, "kind": "igo", "name": oid, "aliases": forms[1:],
                     "members": "", "country": "", "flags": "", "source": "phoenix"}
        for f in forms:
            known.add(norm_key(f))
    out = []
    for o in orgs.values():
        out.append(dict(o, aliases="|".join(o["aliases"])))
    return out


# ---------------------------------------------------------------------------
# items

CATEGORIES = ["ballistic_missile", "cruise_missile", "missile", "launcher", "air_defense",
              "anti_tank", "rocket_artillery", "artillery", "ammunition", "drone",
              "combat_aircraft", "helicopter", "armored_vehicle", "naval", "small_arms",
              "components", "technology", "military_equipment", "troops", "funding", "other"]

OEWN_MAP = {"ammunition": "ammunition", "armament": "military_equipment",
            "armored_vehicle": "armored_vehicle", "artillery": "artillery",
            "biological_weapon": "military_equipment", "bomb": "ammunition",
            "bomber_aircraft": "combat_aircraft", "chemical_weapon": "military_equipment",
            "drone": "drone", "explosive_device": "ammunition",
            "fighter_aircraft": "combat_aircraft", "firearm": "small_arms", "grenade":
            "ammunition", "guided_missile": "missile", "gun": "small_arms",
            "launcher": "launcher", "military_vehicle": "military_equipment", "mine":
            "ammunition", "missile": "missile", "nuclear_weapon": "military_equipment",
            "projectile": "ammunition", "rocket": "rocket_artillery", "submarine": "naval",
            "tank": "armored_vehicle", "torpedo": "ammunition", "warplane": "combat_aircraft",
            "warship": "naval", "weapon": "military_equipment",
            "weaponry": "military_equipment", "wmd": "military_equipment"}

# OEWN lemmas that are general English, historical, sporting or otherwise misleading.
OEWN_DENY = set("""
belt canister cartridge round shell tracer blank dummy whizbang cartouch cartouche
armory armoury arsenal broadside ordnance munition gun cannon basilisk culverin long_tom
mortar bioarm SEB bomb bombshell Big_Blue blockbuster bombie Fugo incendiary
infernal_machine stink_bomb stench_bomb smoke_bomb package_bomb letter_bomb parcel_bomb
time_bomb briefcase_bomb shoe_bomb seal_bomb balloon_bomb cap detonator petard FAE
blasting_cap percussion_cap fighter interceptor kamikaze piece small-arm .22
autoloader muzzle_loader repeater riot_gun scattergun self-loader shooting_iron
smoothbore twenty-two arquebus automatic derringer firelock flintlock forty-five
fowling_piece Garand gat hackbut hagbut harquebus horse_pistol horse-pistol M-1
machine_rifle Mauser musket peacekeeper revolver rod Saturday_night_special
semiautomatic six-gun six-shooter Verey_pistol Very_pistol Winchester zip_gun BAR
blank_revolver blunderbuss Colt fusil Luger matchlock Maxim_gun Peacemaker Spandau Bren
Bren_gun burp_gun Sten_gun Tommy_gun Thompson_submachine_gun Gatling_gun grenade
buzz_bomb doodlebug flying_bomb robot_bomb space_probe V-1 SAM MANPAD ack-ack air_gun
air_rifle airgun flack flak gas_gun minute_gun pom-pom Quaker_gun set_gun spring_gun
whaling_gun BB_gun paintball_gun launcher bazooka caisson half_track picket technical
picket_boat picket_ship troopship mine booby_trap bouncing_betty claymore missile
sidewinder brilliant_pebble Minuteman atomic_weapon A-bomb clean_bomb dirty_bomb
projectile arrow boomerang bullet cannon_ball cannonball dart pellet round_shot seeker
shot slug spitball throw_stick throwing_stick ball banderilla BB BB_shot bird_shot
broad_arrow buckshot butt_shaft duck_shot dumdum dumdum_bullet full_metal_jacket grape
grapeshot kiley kylie musket_ball quarrel rifle_ball rubber_bullet rocket multistage_rocket
research_rocket step_rocket test_instrument_vehicle test_rocket sounding_rocket pigboat
sub nautilus U-boat tank panzer army_tank torpedo aerial_torpedo bangalore_torpedo
military_plane warplane reconnaissance_plane combat_ship war_vessel battlewagon
capital_ship carrier cruiser flattop guard_ship ironclad man-of-war privateer
ship_of_the_line sloop_of_war submersible three-decker tin_can dreadnaught dreadnought
mosquito_boat mosquito_craft pocket_battleship PT_boat sailing_warship arm weapon
weapon_system blade bow bow_and_arrow brand brass_knuckles brass_knucks fire_ship
flamethrower Greek_fire hatchet knife knuckle_duster knuckles knucks lance light_arm
pole_weapon polearm repulsor shaft slasher sling spear steel stun_baton stun_gun sword
tomahawk assagai assegai backsword bayonet broadsword cavalry_sword crossbow Cupid's_bow
cutlas cutlass dagger falchion fencing_sword furket handbow javelin khukuri kindjal
Lochaber_ax longbow machete matchet musket_rest panga pike poleax poleaxe rapier saber
sabre GA GB GD Mace Chemical_Mace G_agent lachrymator lacrimator CN_gas CS_gas
chloroacetophenone chlorobenzylidenemalononitrile dichloroethyl_sulfide
nitrochloromethane organophosphate_nerve_agent aflatoxin botulin botulismotoxin
botulinus_toxin clostridium_perfringens Bacillus_anthracis anthrax_bacillus pepper_spray
tear_gas teargas E-bomb heavy_weapon ammo unit_of_ammunition powder_and_shot one_shot
case_shot canister_shot belt_ammunition belted_ammunition ball_cartridge shotgun_shell
whizbang_shell whizzbang gas_shell depth_bomb cartouch Hum-Vee armament armored_car
armoured_car tank_destroyer assault_gun field_artillery high-angle_gun harpoon_gun
four-pounder depth_charge_thrower trench_mortar
""".split())


def item_key(p):
    return re.sub(r"[\s\-‑]+", "", p.lower())


def build_items(shared, curated_dir):
    items = OrderedDict()

    def add(pattern, cat, desig, flags, source):
        if pattern is None:
            return False
        if cat not in CATEGORIES:
            raise ValueError("unknown category %r for %r" % (cat, pattern))
        k = item_key(pattern) if desig == "no" else pattern
        if k in items:
            return False
        items[k] = {"pattern": pattern, "category": cat, "designation": desig,
                    "flags": ",".join(sorted(flags)), "source": source}
        return True

    for n, r in read_tsv(os.path.join(curated_dir, "items.tsv")):
        flags = {f for f in r.get("flags", "").split(",") if f}
        if r["category"] not in CATEGORIES:
            sys.exit("curated/items.tsv:%d: unknown category %r" % (n, r["category"]))
        if r["designation"] not in ("yes", "no"):
            sys.exit("curated/items.tsv:%d: designation must be yes or no" % n)
        out_flags = flags - {"noplural"}
        add(r["pattern"], r["category"], r["designation"], out_flags, "hand")
        if r["designation"] == "no" and "noplural" not in flags:
            add(pluralize(r["pattern"]), r["category"], "no", out_flags, "hand")

    # calibres: "155mm shells", "155-mm artillery rounds", "152 mm howitzers"...
    for cal in ("105", "120", "122", "125", "130", "152", "155", "203", "240"):
        for sep in ("mm", " mm", "-mm", "-millimeter", " millimeter", "-millimetre"):
            c = cal + sep
            for noun, cat in (("shells", "ammunition"), ("rounds", "ammunition"),
                              ("artillery shells", "ammunition"),
                              ("artillery rounds", "ammunition"),
                              ("ammunition", "ammunition"), ("munitions", "ammunition"),
                              ("shell", "ammunition"), ("round", "ammunition"),
                              ("howitzer", "artillery"), ("howitzers", "artillery"),
                              ("artillery", "artillery"), ("mortar rounds", "ammunition"),
                              ("tank rounds", "ammunition"), ("rockets", "rocket_artillery"),
                              ("rocket launchers", "rocket_artillery")):
                add(c + " " + noun, cat, "no", set(), "hand")

    # CAMEO.2.0 word classes &WEAPON, &AIRCRAFT, &WMD (MIT): designations and a few nouns
    path = os.path.join(shared, "event_dictionaries/petrarch2/dictionaries/CAMEO.2.0.txt")
    cls = None
    cameo = []
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.split("#", 1)[0].rstrip()
        if line.startswith("&"):
            cls = line.strip()
            continue
        if not line.strip():
            cls = None
            continue
        if cls in ("&WEAPON", "&AIRCRAFT", "&WMD") and line.startswith("+"):
            cameo.append((cls, line[1:].strip().rstrip("_").replace("_", " ")))
    rules = [(r"NUCLEAR|ATOM|NERVE|SARIN|MUSTARD|VX|BLISTER|CHEMICAL|WMD|WEAPONS? OF MASS|"
              r"CYCLOSARIN|NUKE|NONCONVENTIONAL", "military_equipment"),
             (r"HELICOPTER|APACHE|CHINOOK|COUGAR|NH-90|MANGUSTA|^MI-|CHOPPER|GUNSHIP",
              "helicopter"),
             (r"DRONE|UAV|RPV|REAPER|PREDATOR|UNMANNED|PILOTLESS|REMOTELY", "drone"),
             (r"^F-|^F/A|^SU-|^MIG|MIRAGE|EUROFIGHTER|HARRIER|BOMBER|^B-52|FIGHTER|"
              r"HORNET|RAPTOR|TOMCAT|DRAGONFLY|^A-37|WARPLANE|^RF|FALCON|JETFIGHTER|"
              r"ORION|POSEIDON|OSPREY|PANTHER", "combat_aircraft"),
             (r"ANTIAIRCRAFT|MANPAD", "air_defense"),
             (r"TOW MISSILE|RECOILLESS|BAZOOKA|ROCKET PROPELLED|^RPG", "anti_tank"),
             (r"BALLISTIC", "ballistic_missile"), (r"CRUISE|ANTISHIP", "cruise_missile"),
             (r"MISSILE|HELLFIRE", "missile"), (r"ROCKET", "rocket_artillery"),
             (r"HOWITZER|ARTILLERY", "artillery"),
             (r"ABRAMS|BRADLEY|TANK|PERSONNEL CARRIER|FIGHTING VEHICLE|MRAP",
              "armored_vehicle"),
             (r"CARRIER|FRIGATE|DESTROYER", "naval"),
             (r"AK-|M16|M14|RIFLE|MACHINE GUN|KALASHNIKOV|UZI|REVOLVER|SHOTGUN|PISTOL|"
              r"CARBINE|50-CALIBER|SEMIAUTOMATIC|FIREARM", "small_arms"),
             (r"AMMUNITION|MUNITION|BOMB|IED", "ammunition"),
             (r"NUCLEAR|ATOM|NERVE|SARIN|MUSTARD|VX|BLISTER|CHEMICAL|WMD|WEAPONS? OF MASS|"
              r"CYCLOSARIN|NUKE|NONCONVENTIONAL", "military_equipment"),
             (r"^WEAPON$|^ARMAMENT$", "military_equipment")]
    skip = {"GUN", "KNIFE", "KNIVES", "SWORD", "SWORDS", "CANNON", "CANNONS", "MACHETE",
            "DAGGER", "SABERS", "SLINGSHOT", "SPEAR", "SWITCHBLADE", "BILLY CLUB",
            "BOW AND ARROW", "BRASS KNUCKLES", "HUNTING KNIFE", "FLAMETHROWER", "BAYONET",
            "TEAR GAS", "PLANE", "AIRPLANE", "AIRLINER", "JET", "AIRSHIP", "DIRIGIBLE",
            "GLIDER", "SKYHOOK", "JUMBOJET", "JUMBO JET", "JETLINER", "TURBOJET", "MIG",
            "VX STOCKPILE", "CHEMICAL WARFARE", "AIRCRAFT", "F-33", "RF 4C", "S565S PANTHER",
            "SEMIAUTOMATIC", "REAPER DRONE", "PREDATOR DRONE", "UNMANNED PREDATOR",
            "PREDATOR UAV", "ARMAMENT", "BOMB", "ROCKET", "MISSILE", "MISSILES", "WEAPON",
            "AMMUNITION", "HELICOPTER", "CHOPPER", "DRONE", "BOMBER", "RPV"}
    for cls, word in cameo:
        if word in skip:
            continue
        cat = next((c for rx, c in rules if re.search(rx, word)), None)
        if not cat:
            continue
        if "IED" in word.split() and len(word.split()) > 1:
            continue
        if "CALIBER" in word:
            add(word.lower(), cat, "no", set(), "cameo")
            continue
        has_code = bool(re.search(r"\d", word)) or "/" in word
        if has_code:
            # keep the designation part, title-case the rest: "AH-64D APACHE" -> "AH-64D Apache"
            pat = " ".join(w if re.search(r"\d|/", w) else title_word(w, True)
                           for w in word.split())
            pat = pat.replace("Mig-", "MiG-").replace("MIG-", "MiG-").replace("SU-", "Su-")
            add(pat, cat, "yes", set(), "cameo")
        else:
            pat = word.lower()
            if pat.split()[-1] in ("missile", "drone", "vehicle", "carrier", "jet",
                                   "aircraft", "helicopter", "tank", "rocket", "gun",
                                   "plane", "launcher", "weapon", "grenade", "bomb",
                                   "munition", "destroyer", "frigate"):
                add(pat, cat, "no", set(), "cameo")
                add(pluralize(pat), cat, "no", set(), "cameo")
            elif re.fullmatch(r"[a-z ]+", pat) and len(pat.split()) >= 2:
                add(pat, cat, "no", set(), "cameo")

    # OEWN (CC BY 4.0): multiword weapon-class lemmas and a few precise single words
    path = os.path.join(shared, "weapons/oewn/weapons_lexicon_oewn.tsv")
    for r in csv.DictReader(open(path, encoding="utf-8"), delimiter="\t"):
        lemma = r["lemma"].strip()
        if lemma.replace(" ", "_") in OEWN_DENY or lemma in OEWN_DENY:
            continue
        cat = OEWN_MAP.get(r["category"])
        if not cat:
            continue
        if lemma == "ballistic missile" or lemma.endswith("ballistic missile"):
            cat = "ballistic_missile"
        elif lemma in ("cruise missile",):
            cat = "cruise_missile"
        elif "surface-to-air" in lemma or lemma in ("anti-ballistic missile",
                                                    "antiballistic missile", "ABM",
                                                    "antiaircraft", "antiaircraft gun"):
            cat = "air_defense"
        elif lemma in ("Stinger",):
            cat = "air_defense"
        elif lemma in ("Exocet",):
            cat = "cruise_missile"
        desig = "yes" if lemma[:1].isupper() else "no"
        if desig == "no" and len(lemma.split()) == 1 and lemma not in (
                "howitzer", "handgun", "pistol", "rifle", "carbine", "frigate", "destroyer",
                "corvette", "submarine", "warship", "battleship", "warplane", "bomber",
                "drone", "sarin", "soman", "tabun", "bioweapon", "firebomb", "bomblet",
                "battlecruiser"):
            continue
        added = add(lemma, cat, desig, set(), "oewn")
        if added and desig == "no" and not lemma.endswith("s") and r["category"] not in (
                "chemical_weapon", "biological_weapon"):
            add(pluralize(lemma), cat, desig, set(), "oewn")

    return list(items.values())


# ---------------------------------------------------------------------------
# triggers, hedges, speech verbs


def cameo_inflections(shared):
    path = os.path.join(shared, "event_dictionaries/petrarch2/dictionaries/CAMEO.2.0.txt")
    out = {}
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"^([A-Z][A-Z_\-]*)\s*\{([^}]*)\}", line)
        if m:
            lemma = m.group(1).replace("_", " ").lower()
            forms = [f.replace("_", " ").lower() for f in m.group(2).split()]
            out.setdefault(lemma, [])
            for f in forms:
                if f not in out[lemma]:
                    out[lemma].append(f)
    return out


EVENTS = ["TRANSFER", "ATTACK", "TEST", "SANCTION", "AID", "COOPERATE", "REQUEST", "ACCUSE",
          "DENY", "THREATEN"]
TRIGGER_FLAGS = {"needs_weapon", "needs_money", "needs_sanction", "recipient_actor",
                 "no_target_test", "sought", "planned", "ambiguous"}


def build_triggers(shared, curated_dir):
    cam = cameo_inflections(shared)
    out = []
    for n, r in read_tsv(os.path.join(curated_dir, "triggers.tsv")):
        if r["event"] not in EVENTS:
            sys.exit("curated/triggers.tsv:%d: unknown event %r" % (n, r["event"]))
        if r["pos"] not in ("verb", "noun"):
            sys.exit("curated/triggers.tsv:%d: pos must be verb or noun" % n)
        flags = [f for f in r.get("flags", "").split(",") if f]
        for f in flags:
            if f not in TRIGGER_FLAGS:
                sys.exit("curated/triggers.tsv:%d: unknown flag %r" % (n, f))
        extra = [f for f in r.get("forms", "").split("|") if f]
        source = "hand"
        if r["pos"] == "verb":
            c = cam.get(r["lemma"], [])
            if c:
                extra = extra + [f for f in c if f not in extra]
                source = "hand+cameo"
            forms = inflect_verb(r["lemma"], extra)
        else:
            forms = [r["lemma"]]
            if not any(f.endswith("s") for f in extra) and r["lemma"] not in (
                    "funding", "assistance", "aid", "cooperation", "shelling", "bombing",
                    "bombardment", "provision", "co-operation", "blacklisting"):
                pl = pluralize(r["lemma"])
                if pl:
                    forms.append(pl)
            forms += [f for f in extra if f not in forms]
        out.append({"lemma": r["lemma"], "pos": r["pos"], "event": r["event"],
                    "flags": ",".join(flags), "forms": "|".join(forms),
                    "notes": r.get("notes", ""), "source": source})
    return out


def build_hedges(curated_dir):
    out = []
    for n, r in read_tsv(os.path.join(curated_dir, "hedges.tsv")):
        ok = {"certainty": ("probable", "possible"),
              "status": ("planned", "sought", "expected", "hypothetical", "negated")}
        if r["kind"] not in ok or r["value"] not in ok[r["kind"]]:
            sys.exit("curated/hedges.tsv:%d: bad kind/value %r/%r" % (n, r["kind"], r["value"]))
        out.append({"cue": r["cue"], "kind": r["kind"], "value": r["value"],
                    "notes": r.get("notes", ""), "source": "hand"})
    return out


def build_speech(shared, curated_dir):
    cam = cameo_inflections(shared)
    out = []
    for n, r in read_tsv(os.path.join(curated_dir, "speech_verbs.tsv")):
        if r["certainty"] not in ("certain", "probable"):
            sys.exit("curated/speech_verbs.tsv:%d: bad certainty" % n)
        extra = [f for f in r.get("forms", "").split("|") if f]
        if r["pos"] == "verb":
            forms = inflect_verb(r["lemma"], extra + [f for f in cam.get(r["lemma"], [])
                                                      if f not in extra])
        else:
            forms = [r["lemma"]] + [f for f in extra if f != r["lemma"]]
        out.append({"lemma": r["lemma"], "pos": r["pos"], "certainty": r["certainty"],
                    "forms": "|".join(forms), "notes": r.get("notes", ""), "source": "hand"})
    return out


# ---------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", required=True, help="path to shared/data")
    ap.add_argument("--out", required=True, help="lexicon directory (with curated/)")
    args = ap.parse_args()
    curated = os.path.join(args.out, "curated")
    gen = "generated by tools/build_lexicon.py from open data and lexicon/curated/; " \
          "do not edit by hand (edit curated/ and rebuild). See lexicon/README.md."

    states, factbook, info = build_states(args.shared, curated)
    state_ids = {r["id"] for r in states if r["id"] != "-"}
    state_forms = {norm_key(r["text"]) for r in states}
    n = write_tsv(os.path.join(args.out, "states.tsv"),
                  ["states.tsv: " + gen,
                   "id: ISO 3166-1 alpha-3 (XKX = Kosovo), or - for a body that needs a state "
                   "from context (flag needs_state) or a blocking phrase (kind block)",
                   "kind: name (canonical short name, one per state) | short | alt | demonym | "
                   "adjective | capital | metonym | government | block",
                   "flags: ambiguous (check context), needs_state, former",
                   "source: hand | factbook | country-codes | wikidata | opensanctions"],
                  ["id", "kind", "text", "flags", "source"], states)
    print("states.tsv: %d rows" % n)

    people = build_people(args.shared, curated, factbook, state_ids, state_forms)
    n = write_tsv(os.path.join(args.out, "people.tsv"),
                  ["people.tsv: " + gen,
                   "state: ISO3 of the state the person acts for as an official (empty for "
                   "private people, armed-group and IGO figures)",
                   "aliases: '|'-separated; a one-word alias is a surname (flag surname_ok)",
                   "source: hand | factbook (executive branch, 2025/26) | phoenix "
                   "(Phoenix.Countries.actors.txt, MIT)"],
                  ["name", "state", "role", "aliases", "flags", "org", "source"], people)
    print("people.tsv: %d rows" % n)

    taken = state_forms | {norm_key(f) for p in people
                           for f in [p["name"]] + [a for a in p["aliases"].split("|") if a]}
    orgs = build_orgs(args.shared, curated, state_ids, taken)
    n = write_tsv(os.path.join(args.out, "organizations.tsv"),
                  ["organizations.tsv: " + gen,
                   "kind: igo | armed_group | media | company | ngo | group",
                   "members: ISO3 list for groups of states acting as one (E3, G7, NATO, ...)",
                   "country: home or owning country, informational only (not the actor id)",
                   "source: hand | phoenix (Phoenix.MilNonState / International actors, MIT)"],
                  ["id", "kind", "name", "aliases", "members", "country", "flags", "source"],
                  orgs)
    print("organizations.tsv: %d rows" % n)

    items = build_items(args.shared, curated)
    n = write_tsv(os.path.join(args.out, "items.tsv"),
                  ["items.tsv: " + gen,
                   "designation: yes = model name (exact or ALL CAPS; '-'/' '/'' variants and "
                   "a plural 's' are matched), no = generic noun (case-insensitive)",
                   "source: hand | cameo (CAMEO.2.0 &WEAPON/&AIRCRAFT/&WMD, MIT) | oewn "
                   "(Open English WordNet, CC BY 4.0: attribution in README.md)"],
                  ["pattern", "category", "designation", "flags", "source"], items)
    print("items.tsv: %d rows" % n)

    trig = build_triggers(args.shared, curated)
    n = write_tsv(os.path.join(args.out, "triggers.tsv"),
                  ["triggers.tsv: " + gen,
                   "forms: every word form that maps to the lemma (lower case)",
                   "flags: see curated/triggers.tsv"],
                  ["lemma", "pos", "event", "flags", "forms", "notes", "source"], trig)
    print("triggers.tsv: %d rows" % n)

    hed = build_hedges(curated)
    n = write_tsv(os.path.join(args.out, "hedges.tsv"),
                  ["hedges.tsv: " + gen], ["cue", "kind", "value", "notes", "source"], hed)
    print("hedges.tsv: %d rows" % n)
    sp = build_speech(args.shared, curated)
    n = write_tsv(os.path.join(args.out, "speech_verbs.tsv"),
                  ["speech_verbs.tsv: " + gen],
                  ["lemma", "pos", "certainty", "forms", "notes", "source"], sp)
    print("speech_verbs.tsv: %d rows" % n)


if __name__ == "__main__":
    main()
