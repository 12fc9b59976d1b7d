using Hooks.Sdk.Catalogue;
using Hooks.Sdk.LabelStudioModels;

namespace Hooks.Sdk.Tests.Catalogue;

/// <summary>A descriptor carries the JSON contracts its payload is written with, for schemas of the payload.</summary>
public sealed class DescriptorContractTests
{
    [Fact]
    public void A_model_action_has_its_models_and_nested_fields_contracts_from_the_catalogues_context()
    {
        WebhookModelAction<LsAnnotation> action = LsActions.Descriptors.AnnotationCreated;

        Assert.Same(LsJsonContext.Default.LsAnnotation, action.ModelTypeInfo);
        Assert.Equal(["task"], action.NestedFields);
        Assert.Same(LsJsonContext.Default.LsTask, Assert.Single(action.NestedFieldTypeInfos));
        Assert.Empty(LsActions.Descriptors.TasksCreated.NestedFieldTypeInfos);
    }

    [Fact]
    public void An_ids_only_action_names_its_id_type()
    {
        Assert.Equal(typeof(long), LsActions.Descriptors.TasksDeleted.IdType);
    }
}
