# Sourced by bench/run and bench/truth from the repository's root: builds the jar if it is missing (or when
# BENCHY_REBUILD is set), compiles the harness (bench/harness/*.java) into target/bench-classes, and sets JAR and CP
# (the harness's classes and Jackson from the application's libraries).
JAR=target/quarkus-app/quarkus-run.jar
if [[ ! -f $JAR || -n ${BENCHY_REBUILD:-} ]]; then
  mvn -o -q package -DskipTests
fi
LIB=target/quarkus-app/lib/main
JACKSON=$(ls "$LIB"/com.fasterxml.jackson.core.jackson-{core,databind,annotations}-*.jar | paste -sd: -)
CLASSES=target/bench-classes
if [[ ! -f $CLASSES/.compiled || -n $(find bench/harness -name '*.java' -newer "$CLASSES/.compiled") ]]; then
  rm -rf "$CLASSES"
  javac -d "$CLASSES" -cp "$JACKSON" bench/harness/*.java
  touch "$CLASSES/.compiled"
fi
CP=$CLASSES:$JACKSON
