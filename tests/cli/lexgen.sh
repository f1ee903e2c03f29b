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
finish
