# lexgen.sh - the dictionary compiler accepts data/ and names every bad line.
. "$SITREP_SOURCE_DIR/tests/cli/lib.inc"
: "${LEXGEN:?set LEXGEN to the lexgen binary}"

"$LEXGEN" "$SITREP_SOURCE_DIR/data" out.c 2>"$T/err"; rc=$?
expect_rc 0 "data/ compiles"
grep -q "const size_t lex_n_actors" out.c && pass "tables written" || fail "no tables"

mkdir bad
cp "$SITREP_SOURCE_DIR"/data/*.tsv bad/
printf 'bad key\tjihadist\tnope\tZZZ\tX\nonly\tthree\tfields\n' > bad/actors-zz.tsv
printf 'Nowhere\tIQ\tcity\t95.0\t44.0\t10\t-\n' > bad/places-zz.tsv
printf 'verb\tattack\tsomething\n' > bad/triggers-zz.tsv
"$LEXGEN" bad out2.c 2>"$T/err"; rc=$?
expect_rc 1 "bad dictionaries fail the build"
expect_err "actors-zz.tsv:1: bad key \"bad key\"" "names a bad key with file and line"
expect_err "actors-zz.tsv:1: bad country \"ZZZ\"" "names a bad country"
expect_err "actors-zz.tsv:2: expected 5 fields" "names a short row"
expect_err "actors-zz.tsv:1: unknown parent \"nope\"" "names an unknown parent"
expect_err "places-zz.tsv:1: bad coordinates for Nowhere" "names bad coordinates"
expect_err "triggers-zz.tsv:1: unknown class \"verb\"" "names an unknown trigger class"
[ ! -e out2.c ] && pass "no output written on failure" || fail "output written despite errors"
mkdir empty
"$LEXGEN" empty out3.c 2>"$T/err"; rc=$?
expect_rc 1 "a directory without dictionaries"; expect_err "no actors.tsv" "says which dictionary is missing"
# GeoNames rows (cities1000.txt): a new place, a word, a merge, a bad row
geo() { # geo ID NAME ALTERNATES LAT LON CODE CC POP
    printf '%s\t%s\t%s\t%s\t%s\t%s\tP\t%s\t%s\t\t01\t\t\t\t%s\t\t0\tX/Y\t2020-01-01\n' \
        "$1" "$2" "$2" "$3" "$4" "$5" "$6" "$7" "$8"
}
{ geo 1 Khulm "Tashkurghan,Ташкурган" 36.69736 67.69826 PPL AF 64933
  geo 2 Police "" 53.55 14.57 PPL PL 33000
  geo 3 Kabul "Kabol" 34.52813 69.17233 PPLC AF 3043532; } > geo.txt
"$LEXGEN" "$SITREP_SOURCE_DIR/data" out4.c geo.txt 2>"$T/err"; rc=$?
expect_rc 0 "GeoNames rows compile"
expect_err "lexgen: 1 places from GeoNames" "one new place: a stoplisted word and a merged city are not"
grep -q "lex_has_geonames = true" out4.c && pass "GeoNames flag set" || fail "no GeoNames flag"
[ -s out4.bin ] && grep -q "incbin" out4.S && pass "image and its embedding written" || fail "no image"
printf '1\tNowhere\tNowhere\n' >> geo.txt
"$LEXGEN" "$SITREP_SOURCE_DIR/data" out5.c geo.txt 2>"$T/err"; rc=$?
expect_rc 1 "a bad GeoNames row fails the build"
expect_err "geo.txt:4: expected 19 fields" "names the GeoNames line"
finish
