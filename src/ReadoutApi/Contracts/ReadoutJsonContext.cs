using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace ReadoutApi.Contracts;

/// <summary>Source-generated serializers for every response shape (no reflection on the request path).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ApiIndex))]
[JsonSerializable(typeof(ListMeta))]
[JsonSerializable(typeof(ListLinks))]
[JsonSerializable(typeof(ListResponse<ReadoutDto>))]
[JsonSerializable(typeof(ListResponse<ClaimDto>))]
[JsonSerializable(typeof(ListResponse<StatementDto>))]
[JsonSerializable(typeof(ListResponse<PersonDto>))]
[JsonSerializable(typeof(ListResponse<OrganizationDto>))]
[JsonSerializable(typeof(ListResponse<CountryDto>))]
[JsonSerializable(typeof(ListResponse<PlaceDto>))]
[JsonSerializable(typeof(ListResponse<SourceDto>))]
[JsonSerializable(typeof(ListResponse<TimelineItemDto>))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
public sealed partial class ReadoutJsonContext : JsonSerializerContext;
