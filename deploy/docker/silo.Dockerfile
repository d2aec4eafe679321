# syntax=docker/dockerfile:1
# The silo: Orleans, the user grains, the archive shipper and the co-hosted API. Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t rainforest-silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so code changes reuse the package layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Silo/Rainforest.Silo.csproj src/Silo/
COPY src/Api/Rainforest.Api.csproj src/Api/
COPY src/Archive/Rainforest.Archive.csproj src/Archive/
COPY src/Contracts/Rainforest.Contracts.csproj src/Contracts/
COPY src/Eagle/Rainforest.Eagle.csproj src/Eagle/
COPY src/Grains/Rainforest.Grains.csproj src/Grains/
COPY src/Domain/Rainforest.Domain.csproj src/Domain/
# Without the demo: the production image carries no gateway simulator.
RUN dotnet restore src/Silo/Rainforest.Silo.csproj -p:IncludeDemo=false
COPY src/ src/
RUN dotnet publish src/Silo/Rainforest.Silo.csproj -c Release --no-restore -p:IncludeDemo=false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# Hour files live on a volume: a replacement container with the same volume ships what a dead one left.
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
ENV ASPNETCORE_URLS=http://+:8080 \
    Orleans__Endpoints__SiloPort=11111 \
    Orleans__Endpoints__GatewayPort=30000 \
    Rainforest__Logs__Directory=/data/logs \
    Rainforest__Archive__Directory=/data/archive \
    Rainforest__DataProtection__KeysDirectory=/data/keys
# 8080: API, /health/*, /metrics, /dashboard; 11111: silo to silo; 30000: gateways (Orleans clients).
EXPOSE 8080 11111 30000
USER $APP_UID
# A graceful stop (SIGTERM) hands users over and ships partial hours: let it run up to 3 minutes
# (compose stop_grace_period, Kubernetes terminationGracePeriodSeconds).
ENTRYPOINT ["dotnet", "Rainforest.Silo.dll"]
