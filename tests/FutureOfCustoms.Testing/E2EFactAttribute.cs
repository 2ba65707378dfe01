namespace FutureOfCustoms.Testing;

// A missing tool skips the test on a developer machine (with the reason in the test output) but never on
// CI, where the fixture's ToolPaths.Require turns the same gap into a failure: CI must not go green by
// silently testing nothing.
[AttributeUsage(AttributeTargets.Method)]
public sealed class E2EFactAttribute : FactAttribute
{
    public E2EFactAttribute(params RequiredTool[] tools)
    {
        Tools = tools;
        Skip = ToolPaths.SkipUnlessCi(Tools);
    }

    public IReadOnlyList<RequiredTool> Tools { get; }
}
