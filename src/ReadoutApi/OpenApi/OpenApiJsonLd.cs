using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Snapshots;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReadoutApi.OpenApi;

/// <summary>
/// Documents <c>application/ld+json</c> where a collection offers it (claims): a JSON-LD document on the schema.org
/// vocabulary rather than the JSON shape, with the example record (and a page of it) as the service renders them.
/// </summary>
internal sealed class OpenApiJsonLd(SnapshotStore store) : IOperationFilter
{
    private const string MediaType = "application/ld+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses?.TryGetValue("200", out var response) != true ||
            response!.Content?.TryGetValue(MediaType, out var content) != true || content is not OpenApiMediaType media)
        {
            return;
        }

        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var list = metadata.OfType<ListOperation>().FirstOrDefault();
        var module = list?.Module ?? metadata.OfType<RecordOperation>().First().Module;
        media.Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = list is null
                ? "The claim as a schema.org ClaimReview (JSON-LD, context https://schema.org): the Claim is its itemReviewed, " +
                  "the claimant the Claim's author, the sources its appearances; reviewRating states the verification status. See docs/api.md."
                : "A page as a schema.org ItemList (JSON-LD) of ClaimReview nodes, with Hydra next and previous links to the " +
                  "neighbouring pages. See docs/api.md.",
        };

        var snapshot = store.Current;
        var collection = snapshot[module];
        if (module.Docs.ExampleId is not { } id || !collection.Records.TryFind(id, out var position))
        {
            return;
        }

        var json = collection.Records.Json(position);
        var references = snapshot.References;
        var document = list is null
            ? new JsonLdResult(writer => module.WriteLinkedData(writer, json, references, withContext: true))
            : JsonLdResult.Page(
                new ListPage([json], new ListMeta(collection.Count, 1, module.Descriptor.DefaultSort, snapshot.Version, false, null),
                    new ListLinks($"{module.Descriptor.Path}?limit=1&format=jsonld", null, null), null, null),
                (writer, record) => module.WriteLinkedData(writer, record, references, withContext: false));
        media.Example = JsonNode.Parse(OpenApiExamples.AtExampleTime(System.Text.Encoding.UTF8.GetString(document.Render())));
    }
}
