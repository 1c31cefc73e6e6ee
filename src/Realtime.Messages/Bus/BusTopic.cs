namespace Realtime.Messages.Bus;

/// <summary>The five bus topics of PROTOCOL 5.</summary>
public enum BusTopic
{
    Tree,
    Meta,
    Task,
    Idm,
    Activity,
}
