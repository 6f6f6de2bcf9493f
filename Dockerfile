# benchy container image: built from the sources in two stages.
#   docker build -t benchy .
#   docker run --rm -p 8080:8080 -v benchy-reports:/data/reports benchy        # the built-in simulator
#   docker run --rm benchy bench --base-url http://host:8000/v1 --model m      # a one-shot CLI run
# Configuration: mount a YAML file and point QUARKUS_CONFIG_LOCATIONS at it, or set BENCHY_* variables
# (docs/DEPLOY.md, docs/CONFIGURATION.md). Needs BuildKit (the default builder of current Docker).

# ---- build: Maven on a JDK 17 ------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# .dockerignore keeps target/, data/, .git and the deployment files out of the context.
COPY . .
# The local repository lives in a build cache, so a rebuild after a source change downloads nothing.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -DskipTests package \
 && test -f target/quarkus-app/quarkus-run.jar

# ---- run: a JRE 17, as a non-root user ----------------------------------------------------------------
# A glibc-based image: the HuggingFace tokenizers library (DJL) ships a native library built for glibc.
FROM eclipse-temurin:17-jre
ENV LANG=C.UTF-8 \
    BENCHY_REPORTS_DIR=/data/reports \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
# uid 1001, group 0, and group-writable directories, so the image also runs under an arbitrary uid
# (OpenShift). HOME is /deployments: tokenizers downloaded at run time are cached under it.
RUN useradd --uid 1001 --gid 0 --home-dir /deployments --no-create-home --shell /usr/sbin/nologin benchy \
 && mkdir -p /deployments/config /data/reports \
 && chown -R 1001:0 /deployments /data \
 && chmod -R g=u /deployments /data
WORKDIR /deployments
# The Quarkus fast-jar layout, dependencies first: they change least often.
COPY --from=build --chown=1001:0 /build/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build --chown=1001:0 /build/target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar
COPY --from=build --chown=1001:0 /build/target/quarkus-app/app/ /deployments/app/
COPY --from=build --chown=1001:0 /build/target/quarkus-app/quarkus/ /deployments/quarkus/
USER 1001
EXPOSE 8080
# Reports (JSON) are kept here; a restart loads them back.
VOLUME ["/data/reports"]
ENTRYPOINT ["java", "-jar", "/deployments/quarkus-run.jar"]
