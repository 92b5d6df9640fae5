"""The Indonesian analyzer: conflation groups, traps, clitics, reduplication, and Python/JS parity.

The parity tests are the contract that lets the browser process queries exactly as the build
indexed the text: the rendered stemmer.js runs under node over the same inputs, and every
difference is listed in the failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from panduan.search import STOPWORDS, analyze, render_js, stem, tokenize
from panduan.search import stemmer as stemmer_module

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

# --------------------------------------------------------------------------- conflation


GROUPS = {
    "kerja": ["pekerja", "pekerjaan", "bekerja", "dikerjakan"],
    "damping": ["pendamping", "pendampingan", "mendampingi", "didampingi", "pendampingnya"],
    "rujuk": ["rujuk", "rujukan", "merujuk", "dirujuk", "dirujukkan"],
    "lindung": ["lindung", "perlindungan", "pelindungan", "melindungi", "dilindungi"],
    "sejahtera": ["sejahtera", "kesejahteraan", "menyejahterakan"],
    "anak": ["anak", "anak-anak", "anaknya"],
    "bantu": ["bantuan", "membantu", "dibantu"],
    "keras": ["kekerasan", "keras"],
    "adu": ["pengaduan", "mengadu"],
    "rahasia": ["kerahasiaan", "rahasia"],
    "setuju": ["persetujuan", "menyetujui", "setuju"],
    "daya": ["pemberdayaan", "memberdayakan", "berdaya"],
    "latih": ["pelatihan", "dilatih"],
    "salur": ["penyaluran", "disalurkan"],
    "emis": ["pengemis", "mengemis"],
    "wirausaha": ["kewirausahaan", "wirausaha"],
    "sertifikat": ["sertifikat", "sertifikasi", "tersertifikasi", "bersertifikat", "disertifikasi"],
    "telantar": ["telantar", "terlantar", "ditelantarkan", "penelantaran"],
    "laku": ["berlaku", "memberlakukan", "diberlakukan", "pemberlakuan"],
    "pelaku": ["pelaku", "pelakunya"],
    "tahu": ["mengetahui", "memberitahukan", "pemberitahuan", "diberitahu"],
    "percaya": ["percaya", "dipercaya", "kepercayaan"],
    "suluh": ["penyuluh", "penyuluhan"],
    "butuh": ["kebutuhan", "membutuhkan", "butuh"],
    "hadap": ["berhadapan"],
    "dagang": ["perdagangan"],
    "guna": ["pengguna"],
}

UNCHANGED = [
    "relawan",
    "rawan",
    "sosial",
    "keluarga",
    "lansia",
    "asesmen",
    "rehabilitasi",
    "bencana",
    "terminasi",
    "disabilitas",
    "rahasia",
    "setuju",
    "wirausaha",
    "sertifikat",
    "pelaku",
    "pedoman",
]


def test_berlaku_and_pelaku_do_not_merge():
    """A rule in force (berlaku) is not a perpetrator (pelaku): both once stemmed to "laku"."""
    assert stem("berlaku") != stem("pelaku")
    assert not set(analyze("pelaku kekerasan")) & set(analyze("aturan yang berlaku"))


@pytest.mark.parametrize("expected", sorted(GROUPS))
def test_conflation_group_shares_one_stem(expected):
    stems = {word: stem(word) for word in GROUPS[expected]}
    assert set(stems.values()) == {expected}, stems


@pytest.mark.parametrize("word", UNCHANGED)
def test_root_words_stay_whole(word):
    assert stem(word) == word


def test_goal_and_consent_do_not_conflate():
    # tujuan (goal) and persetujuan (consent) would both reach "tuju" without the root list.
    assert stem("tujuan") == "tuju"
    assert stem("persetujuan") == "setuju"


# --------------------------------------------------------------------------- traps


def test_relawan_is_not_rawan():
    assert stem("relawan") != stem("rawan")
    assert stem("relawannya") == stem("kerelawanan") == "relawan"
    assert stem("kerawanan") == "rawan"


@pytest.mark.parametrize("word,expected", sorted(stemmer_module._EXCEPTIONS.items()))
def test_exception_list_entries(word, expected):
    assert stem(word) == expected


def test_every_protected_root_is_its_own_stem():
    wrong = {root: stem(root) for root in stemmer_module._ROOTS if stem(root) != root}
    assert wrong == {}


@pytest.mark.parametrize(
    "word,expected",
    [
        ("berikan", "beri"),  # not ikan (fish)
        ("berita", "berita"),  # not ita
        ("pemerintah", "pemerintah"),  # -tah is not a particle here
        ("sekolah", "sekolah"),  # -lah is not a particle here
        ("bersekolah", "sekolah"),
        ("masalah", "masalah"),
        ("menteri", "menteri"),
        ("empati", "empati"),  # not empat (four)
        ("kepala", "kepala"),
        ("perempuan", "perempuan"),
        ("terapi", "terapi"),  # not api (fire)
        ("diskriminasi", "diskriminasi"),
        ("diversi", "diversi"),
        ("pedesaan", "desa"),
        ("terlantar", "telantar"),
        ("penelantaran", "telantar"),
        ("nilai", "nilai"),  # root ending in -i
        ("wartawan", "wartawan"),  # -wan, not -an
    ],
)
def test_trap_words(word, expected):
    assert stem(word) == expected


# --------------------------------------------------------------------------- clitics, reduplication


@pytest.mark.parametrize(
    "word,expected",
    [
        ("bantulah", "bantu"),
        ("lakukanlah", "laku"),
        ("pastikanlah", "pasti"),
        ("apakah", "apa"),
        ("siapakah", "siapa"),
        ("meskipun", "meski"),
        ("rumahku", "rumah"),
        ("rumahmu", "rumah"),
        ("anakmu", "anak"),
        ("datanya", "data"),
        ("kasusnya", "kasus"),
        ("keluarganya", "keluarga"),
        ("bantuannya", "bantu"),
    ],
)
def test_clitics_and_possessives(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize(
    "word,expected",
    [
        ("anak-anak", "anak"),
        ("Anak-Anak", "anak"),
        ("anak-anaknya", "anak"),
        ("sayur-mayur", "sayur"),
        ("bolak-balik", "bolak"),
        ("gotong-royong", "gotong"),
        ("tolong-menolong", "tolong"),
        ("berhati-hati", "hati"),
        ("sehari-hari", "hari"),
        ("relawan-relawan", "relawan"),
        ("kanak-kanak", "kanak"),
    ],
)
def test_reduplication(word, expected):
    assert stem(word) == expected


def test_tokenize_resolves_hyphens():
    assert tokenize("anak-anak dan sayur-mayur") == ["anak", "dan", "sayur"]
    # Not a reduplication: the parts become separate tokens.
    assert tokenize("pasca-bencana e-KTP COVID-19") == ["pasca", "bencana", "e", "ktp", "covid", "19"]
    assert tokenize("- butir -- lepas -") == ["butir", "lepas"]


def test_tokenize_splits_on_punctuation_and_keeps_digits():
    assert tokenize("DTKS/DTSEN, STR; SIPPS (PKH) 2024.") == ["dtks", "dtsen", "str", "sipps", "pkh", "2024"]
    assert tokenize("UU14 Pasal 42 huruf c") == ["uu14", "pasal", "42", "huruf", "c"]


def test_tokenize_folds_case_accents_and_apostrophes():
    assert tokenize("Jum'at Qur’an café ﬁle ＰＫＨ") == ["jumat", "quran", "cafe", "file", "pkh"]
    assert tokenize("'kutipan'") == ["kutipan"]
    assert tokenize("peker\u00adjaan") == ["pekerjaan"]  # soft hyphen from copied PDFs


ASCII_CASES = [
    "Jum'at qur`an 'kutipan' a''b a'b'c a-'b -'x x'- x' 'x",
    "anak-anak, sayur-mayur; pasca--bencana e-KTP COVID-19 -- tolong-menolong - kemerah-merahan",
    "DTKS/DTSEN, STR; SIPPS (PKH) 2024. UU14 Pasal 42 huruf c snake_case tab\there\nline",
]


@pytest.mark.parametrize("text", [*ASCII_CASES, (REPO / "tests" / "search" / "wordlist.txt").read_text()])
def test_ascii_fast_path_tokenizes_like_the_character_loop(text):
    # ASCII text takes a regex path; it must cut exactly as the loop the JS mirrors.
    assert text.isascii()
    assert tokenize(text) == stemmer_module._tokenize_chars(text)


def test_analyze_drops_stopwords_then_stems():
    text = "Pendamping harus menjaga kerahasiaan data anak-anak dan keluarganya."
    assert analyze(text) == ["damping", "jaga", "rahasia", "data", "anak", "keluarga"]


def test_stopwords_are_function_words_only():
    domain = {"anak", "klien", "sosial", "keluarga", "layanan", "bantuan", "hukum", "relawan", "data", "hak"}
    assert STOPWORDS.isdisjoint(domain)
    assert {"yang", "dan", "di", "untuk", "tidak", "namun"} <= STOPWORDS
    assert all(word == word.lower() and " " not in word for word in STOPWORDS)


def test_short_and_non_latin_words_pass_through():
    assert stem("uu14") == "uu14"
    assert stem("str") == "str"
    assert stem("") == ""
    assert stem("Ελλάδα") == "ελλαδα"


# --------------------------------------------------------------------------- Python/JS parity


def load_wordlist() -> list[str]:
    words = []
    for line in (HERE / "wordlist.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line)
    return words


def test_wordlist_is_big_enough_and_clean():
    words = load_wordlist()
    assert len(set(words)) >= 600
    assert all(" " not in word for word in words)


TEXTS = [
    "Pendamping wajib menjaga kerahasiaan data klien (lihat UU14 Pasal 42 huruf c).",
    "Data DTKS/DTSEN diperbarui tiap 3 bulan; STR & SIPPS berlaku 5 tahun.",
    "Peserta PKH, KIS/KIP, dan BPNT: lansia, penyandang disabilitas, anak-anak.",
    "Anak-anak, sayur-mayur, bolak-balik, gotong-royong, tolong-menolong, kemerah-merahan.",
    "Jum'at, Qur'an, do'a, ma'ruf — Jum’at, Qur’an (kutip lengkung) dan 'tanda kutip'.",
    "e-KTP, COVID-19, pasca-bencana, non-pemerintah, anti-kekerasan, 2019–2024, 10-12.",
    "Hubungi 0812-3456-7890 atau dinsos@example.go.id; https://example.org/a-b_c?d=e#f",
    "Rp1.500.000,00 per KPM; 50% dari 1/3 total; No. 14/2019; pukul 08.00–16.00 WIB.",
    "  Spasi\tganda\n\nbaris baru\r\nCRLF\u00a0NBSP\u2003em-space\u200bzwsp  ",
    "peker\u00adjaan tersem\u00adbunyi, zero\u200djoiner, bom\ufeffhere",
    "KESEJAHTERAAN SOSIAL, Kesejahteraan Sosial, kesejahteraan sosial.",
    "Café résumé naïve Ångström İstanbul straße ΟΔΟΣ ﬁle ﬂow Ｐａｎｄｕａｎ ①②③ x² ½",
    "العربية مَدْرَسَة 中文 日本語のテキスト 한국어 텍스트 हिन्दी ไทย",
    "emoji 👩‍👩‍👧 ok 👍🏽 and 🇮🇩 flag; 𝐁𝐨𝐥𝐝 𝑖𝑡𝑎𝑙𝑖𝑐",
    "Rujukan ke LKS/UPT: rujuk, dirujuk, dirujukkan, merujuk-rujuk, rujuk-merujuk.",
    "pekerja-pekerja sosial; relawan-relawan; anak-anaknya; sehari-hari; sebaik-baiknya.",
    "a-b-c, --x--, -awal, akhir-, ‐ hyphen U+2010 ‐ dan ‑ U+2011 dan − minus.",
    "constructor __proto__ toString hasOwnProperty valueOf prototype",
    "Bantulah, lakukanlah! Apakah ia pemerintah? Bukankah sekolahnya, masalahnya...",
    "O'Brien's child's rock'n'roll ' ' '' x'",
    "",
    "---",
]

NODE_RUNNER = r"""
const fs = require("fs");
const [, jsPath, inputPath, outputPath] = process.argv;
const s = require(jsPath);
const input = JSON.parse(fs.readFileSync(inputPath, "utf8"));
const out = {
  stem: input.words.map((w) => s.stem(w)),
  tokenize: input.texts.map((t) => s.tokenize(t)),
  analyze: input.texts.map((t) => s.analyze(t)),
  stopwords: Array.from(s.STOPWORDS).sort(),
};
fs.writeFileSync(outputPath, JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def node() -> str:
    path = shutil.which("node")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is required for the Python/JS stemmer parity tests in CI (install nodejs)")
        pytest.skip("node not found: Python/JS stemmer parity not checked")
    return path


def run_node(node: str, tmp_path: Path, words: list[str], texts: list[str]) -> dict:
    js = tmp_path / "stemmer.js"
    js.write_text(render_js(), encoding="utf-8")
    (tmp_path / "input.json").write_text(json.dumps({"words": words, "texts": texts}), encoding="utf-8")
    proc = subprocess.run(
        [node, "-e", NODE_RUNNER, str(js), str(tmp_path / "input.json"), str(tmp_path / "output.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads((tmp_path / "output.json").read_text(encoding="utf-8"))


def mismatches(inputs: list[str], py: list, js: list) -> list[str]:
    return [f"{item!r}: python={p!r} js={j!r}" for item, p, j in zip(inputs, py, js, strict=False) if p != j]


def repo_texts() -> list[str]:
    """The guide's own sources, when present: real text with all its punctuation."""
    texts = []
    for pattern in ("guidelines/**/*.md", "glossary/*.yaml", "registry/*.yaml", "law/*.yaml"):
        for path in sorted(REPO.glob(pattern)):
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def test_parity_over_wordlist(node, tmp_path):
    words = load_wordlist()
    words += [w.upper() for w in words[:50]] + [w.capitalize() for w in words[50:100]]
    words += ["", "-", "--", "constructor", "__proto__", "toString", "hasOwnProperty", "Ελλάδα", "İbu"]
    out = run_node(node, tmp_path, words, [])
    bad = mismatches(words, [stem(w) for w in words], out["stem"])
    assert bad == [], f"{len(bad)} of {len(words)} words differ:\n" + "\n".join(bad)


def test_parity_over_texts(node, tmp_path):
    texts = TEXTS + repo_texts()
    out = run_node(node, tmp_path, [], texts)
    bad = mismatches(texts, [tokenize(t) for t in texts], out["tokenize"])
    bad += mismatches(texts, [analyze(t) for t in texts], out["analyze"])
    assert bad == [], f"{len(bad)} tokenize/analyze results differ:\n" + "\n\n".join(bad)
    assert out["stopwords"] == sorted(STOPWORDS)


BROWSER_RUNNER = r"""
const fs = require("fs");
const vm = require("vm");
// A bare global object with no module/require: what a <script> tag sees.
const page = {};
page.window = page;
vm.createContext(page);
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), page, { filename: "stemmer.js" });
const api = page.window.panduanStemmer;
console.log(JSON.stringify({ keys: Object.keys(api).sort(), terms: api.analyze(process.argv[2]) }));
"""


def test_rendered_js_loads_as_a_plain_script(node, tmp_path):
    js = tmp_path / "stemmer.js"
    js.write_text(render_js(), encoding="utf-8")
    text = "Anak-anak membutuhkan pendampingan"
    proc = subprocess.run([node, "-e", BROWSER_RUNNER, str(js), text], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert {"stem", "tokenize", "analyze", "STOPWORDS"} <= set(result["keys"])
    assert result["terms"] == analyze(text) == ["anak", "butuh", "damping"]


def test_unrendered_js_reads_the_json_under_node(node):
    # During development the source file itself can be required; it falls back to the JSON.
    source = Path(stemmer_module.__file__).with_name("stemmer.js")
    script = f"console.log(require({json.dumps(str(source))}).stem('kesejahteraan'))"
    proc = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "sejahtera"


def test_rendered_js_inlines_the_data():
    source = (Path(stemmer_module.__file__).with_name("stemmer.js")).read_text(encoding="utf-8")
    assert source.count(stemmer_module.JS_PLACEHOLDER) == 1
    rendered = render_js()
    assert stemmer_module.JS_PLACEHOLDER not in rendered
    assert '"relawan":"relawan"' in rendered
    assert rendered.isascii()  # JSON inlined with \u escapes: safe in any page encoding
