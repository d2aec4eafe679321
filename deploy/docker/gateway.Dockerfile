# syntax=docker/dockerfile:1
# The standalone API gateway: an Orleans client that finds the silos through Redis. Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t rainforest-gateway .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Gateway/Rainforest.Gateway.csproj src/Gateway/
COPY src/Api/Rainforest.Api.csproj src/Api/
COPY src/Contracts/Rainforest.Contracts.csproj src/Contracts/
COPY src/Domain/Rainforest.Domain.csproj src/Domain/
RUN dotnet restore src/Gateway/Rainforest.Gateway.csproj
COPY src/Gateway/ src/Gateway/
COPY src/Api/ src/Api/
COPY src/Contracts/ src/Contracts/
COPY src/Domain/ src/Domain/
RUN dotnet publish src/Gateway/Rainforest.Gateway.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
# 8080: API, /health/*, /metrics, /dashboard.
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Rainforest.Gateway.dll"]
