# The image of one Brigade service, from the runnable jar Maven builds for it:
#   mvn -B -DskipTests package
#   docker build -f docker/service.Dockerfile --build-arg MODULE=order-command -t brigade/order-command .
# compose.yml builds every service this way.
FROM eclipse-temurin:17-jre
ARG MODULE
RUN useradd --system --no-create-home brigade
COPY ${MODULE}/target/${MODULE}-*-exec.jar /app/service.jar
USER brigade
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/service.jar"]
